// Talking to the gestae API: the token (kept for this browser tab only) and query strings from filters.

const TOKEN_KEY = "gestae-api-token";

export function getToken() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

export function setToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

// GET or POST JSON; throws ApiError with the server's one-line `detail` on any 4xx/5xx.
export async function request(path, { method = "GET", body = undefined } = {}) {
  const headers = { Accept: "application/json" };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, payload.detail || `${response.status} ${response.statusText}`);
  }
  return payload;
}

// Filter state -> URLSearchParams, leaving out empty values; types repeat as `type=A&type=B`.
export function filterParams(filters, extra = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) value.forEach((item) => params.append(key, item));
    else if (key === "min_sources" && Number(value) === 0) continue;
    else if (key === "modality" && value === "asserted") continue;
    else params.append(key, value);
  }
  return params;
}
