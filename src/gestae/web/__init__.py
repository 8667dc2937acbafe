"""The dashboard's static files (HTML, CSS, JavaScript), served by `gestae serve` at `/`."""
