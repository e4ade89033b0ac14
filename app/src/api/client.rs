//! The typed REST client the browser uses to talk to `/api/v1`.
//!
//! Only the `hydrate` build performs requests; the server build renders pages
//! and never calls its own API over HTTP, so there every call reports that it
//! is unavailable (it is only ever reached from browser event handlers).

use super::error::ApiErrorBody;
use serde::{Serialize, de::DeserializeOwned};

/// Why an API call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientError {
    /// The server answered with an error body.
    Api { status: u16, body: ApiErrorBody },
    /// The request did not reach the server or the answer was cut.
    Network,
    /// The server answered something the app does not understand.
    Unexpected(String),
}

impl ClientError {
    /// A message for the user, in Spanish.
    pub fn message(&self) -> String {
        match self {
            ClientError::Api { body, .. } => body.error.message.clone(),
            ClientError::Network => {
                "No hay conexión con el servidor. Revise la red e intente de nuevo.".into()
            }
            ClientError::Unexpected(_) => {
                "El servidor respondió algo inesperado. Intente de nuevo.".into()
            }
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The server's per-field message, if it rejected that field.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            ClientError::Api { body, .. } => body.field_message(field).map(str::to_string),
            _ => None,
        }
    }
}

/// A fresh id for one submission, kept across retries of it: the server
/// stores a request id once, so a retried save is one record.
pub fn new_request_id() -> String {
    let millis = chrono::Utc::now().timestamp_millis();
    #[cfg(feature = "hydrate")]
    let random = (js_sys::Math::random() * 1e15) as u64;
    #[cfg(not(feature = "hydrate"))]
    let random = u64::from(chrono::Utc::now().timestamp_subsec_nanos());
    format!("{millis}-{random:x}")
}

/// HTTP methods the app uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

/// `GET path`, decoding a JSON answer.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ClientError> {
    request::<(), T>(Method::Get, path, None, None).await
}

/// A state-changing request carrying the CSRF token.
pub async fn send<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<&B>,
    csrf_token: &str,
) -> Result<T, ClientError> {
    request(method, path, body, Some(csrf_token)).await
}

/// `POST` the file chosen in the `<input type="file">` with this id, as the
/// raw request body.
pub async fn upload<T: DeserializeOwned>(
    path: &str,
    input_id: &str,
    csrf_token: &str,
) -> Result<T, ClientError> {
    #[cfg(feature = "hydrate")]
    {
        let (status, text) = send_wrapper::SendWrapper::new(post_file(
            path.to_string(),
            input_id.to_string(),
            csrf_token.to_string(),
        ))
        .await?;
        decode(status, &text, path)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (path, input_id, csrf_token);
        Err(ClientError::Unexpected(
            "uploads run only in the browser".into(),
        ))
    }
}

#[cfg(feature = "hydrate")]
async fn post_file(
    path: String,
    input_id: String,
    csrf_token: String,
) -> Result<(u16, String), ClientError> {
    use gloo_net::http::RequestBuilder;
    use wasm_bindgen::JsCast;
    let file = leptos::prelude::document()
        .get_element_by_id(&input_id)
        .and_then(|element| element.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0))
        .ok_or_else(|| ClientError::Unexpected("no file chosen".into()))?;
    let response = RequestBuilder::new(&path)
        .method(gloo_net::http::Method::POST)
        .header(super::auth::CSRF_HEADER, &csrf_token)
        .header("content-type", "text/csv")
        .header("accept", "application/json")
        .body(file)
        .map_err(|e| ClientError::Unexpected(e.to_string()))?
        .send()
        .await
        .map_err(|_| ClientError::Network)?;
    let status = response.status();
    let text = response.text().await.map_err(|_| ClientError::Network)?;
    Ok((status, text))
}

/// Browser futures are not `Send`, but Leptos resources require it; the
/// wrapper is sound because the browser runs everything on one thread.
#[cfg(feature = "hydrate")]
async fn request<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<&B>,
    csrf_token: Option<&str>,
) -> Result<T, ClientError> {
    let payload = match body {
        Some(body) => {
            Some(serde_json::to_string(body).map_err(|e| ClientError::Unexpected(e.to_string()))?)
        }
        None => None,
    };
    let text = send_wrapper::SendWrapper::new(fetch(
        method,
        path.to_string(),
        payload,
        csrf_token.map(str::to_string),
    ))
    .await?;
    let (status, text) = text;
    decode(status, &text, path)
}

/// An answer decoded: JSON on success, our error body otherwise.
#[cfg(feature = "hydrate")]
fn decode<T: DeserializeOwned>(status: u16, text: &str, path: &str) -> Result<T, ClientError> {
    if status == 401 && path != crate::paths::api::LOGIN {
        // The session ended (idle or absolute timeout, logout elsewhere):
        // back to the login page, returning here afterwards.
        send_to_login();
    }
    if (200..300).contains(&status) {
        // 204 and other empty answers decode as JSON `null` (e.g. into `()`).
        let text = if text.is_empty() { "null" } else { text };
        serde_json::from_str(text).map_err(|e| ClientError::Unexpected(e.to_string()))
    } else {
        match serde_json::from_str::<ApiErrorBody>(text) {
            Ok(body) => Err(ClientError::Api { status, body }),
            Err(_) => Err(ClientError::Unexpected(format!("HTTP {status}"))),
        }
    }
}

/// Leaves for the login page, which brings the user back to where they were.
#[cfg(feature = "hydrate")]
fn send_to_login() {
    let location = leptos::prelude::window().location();
    let here = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let _ = location.assign(&crate::paths::page::login_then(&here));
}

/// Performs the request; answers the status and the body text.
#[cfg(feature = "hydrate")]
async fn fetch(
    method: Method,
    path: String,
    payload: Option<String>,
    csrf_token: Option<String>,
) -> Result<(u16, String), ClientError> {
    use gloo_net::http::RequestBuilder;

    let path = path.as_str();
    let builder = match method {
        Method::Get => RequestBuilder::new(path).method(gloo_net::http::Method::GET),
        Method::Post => RequestBuilder::new(path).method(gloo_net::http::Method::POST),
        Method::Put => RequestBuilder::new(path).method(gloo_net::http::Method::PUT),
        Method::Patch => RequestBuilder::new(path).method(gloo_net::http::Method::PATCH),
        Method::Delete => RequestBuilder::new(path).method(gloo_net::http::Method::DELETE),
    }
    .header("accept", "application/json");
    let builder = match &csrf_token {
        Some(token) => builder.header(super::auth::CSRF_HEADER, token),
        None => builder,
    };
    let request = match payload {
        Some(payload) => builder
            .header("content-type", "application/json")
            .body(payload),
        None => builder.build(),
    }
    .map_err(|e| ClientError::Unexpected(e.to_string()))?;
    let response = request.send().await.map_err(|_| ClientError::Network)?;
    let status = response.status();
    let text = response.text().await.map_err(|_| ClientError::Network)?;
    Ok((status, text))
}

#[cfg(not(feature = "hydrate"))]
async fn request<B: Serialize, T: DeserializeOwned>(
    _method: Method,
    _path: &str,
    _body: Option<&B>,
    _csrf_token: Option<&str>,
) -> Result<T, ClientError> {
    Err(ClientError::Unexpected(
        "the REST client runs only in the browser".into(),
    ))
}
