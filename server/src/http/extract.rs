//! Extractors whose failures speak our error format (and Spanish), and the
//! signed-in user and client address of a request.

use super::error::ApiError;
use crate::services::ServiceError;
use crate::services::auth::Client;
use crate::services::sessions::Authenticated;
use crate::state::AppState;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{ConnectInfo, FromRef, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use std::net::{IpAddr, SocketAddr};

/// `axum::Json` with rejections turned into [`ApiError`].
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(json_rejection(rejection)),
        }
    }
}

fn json_rejection(rejection: JsonRejection) -> ApiError {
    match rejection {
        JsonRejection::JsonDataError(err) => {
            let detail = err.body_text();
            ApiError::InvalidJson {
                field: field_of(&detail),
                detail,
            }
        }
        JsonRejection::JsonSyntaxError(err) => ApiError::MalformedJson(err.body_text()),
        JsonRejection::MissingJsonContentType(_) => ApiError::UnsupportedMediaType,
        JsonRejection::BytesRejection(err)
            if err.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE =>
        {
            ApiError::PayloadTooLarge
        }
        other => ApiError::MalformedJson(other.body_text()),
    }
}

/// The field path in serde's message, e.g. `…target type: role: unknown
/// variant…` → `role`; `missing field `login`` → `login`.
fn field_of(detail: &str) -> Option<String> {
    if let Some(start) = detail.find("missing field `") {
        let rest = &detail[start + "missing field `".len()..];
        return rest.split('`').next().map(str::to_string);
    }
    let after = detail.split("target type: ").nth(1)?;
    let (path, _) = after.split_once(": ")?;
    (!path.contains(' ') && path != ".").then(|| path.to_string())
}

/// `axum::extract::Path` with rejections turned into [`ApiError`].
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| ApiPath(value))
            .map_err(|rejection: PathRejection| ApiError::BadParameter(rejection.body_text()))
    }
}

/// `axum::extract::Query` with rejections turned into [`ApiError`].
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| ApiQuery(value))
            .map_err(|rejection: QueryRejection| ApiError::BadParameter(rejection.body_text()))
    }
}

/// The signed-in user; refuses with 401 when there is none. The session
/// middleware has already validated the cookie.
impl<S: Send + Sync> FromRequestParts<S> for Authenticated {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Authenticated>()
            .cloned()
            .ok_or(ApiError::Service(ServiceError::Unauthenticated))
    }
}

/// The client's address and browser, for the security log and throttling.
impl<S> FromRequestParts<S> for Client
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        Ok(client_of(parts, state.settings.trust_proxy))
    }
}

/// Reads the client from request parts. Behind a trusted proxy the address
/// is the last hop of `X-Forwarded-For` (the one the proxy itself appended;
/// earlier hops are whatever the client claimed), and only a well-formed
/// address is believed.
pub fn client_of(parts: &Parts, trust_proxy: bool) -> Client {
    let forwarded = trust_proxy
        .then(|| parts.headers.get_all("x-forwarded-for").iter().next_back())
        .flatten()
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.rsplit(',').next())
        .and_then(|hop| hop.trim().parse::<IpAddr>().ok())
        .map(|ip| ip.to_string());
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string());
    Client {
        ip: forwarded.or(peer),
        user_agent: parts
            .headers
            .get(axum::http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|ua| ua.chars().take(255).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(forwarded: Option<&str>) -> Parts {
        let mut builder = axum::http::Request::builder();
        if let Some(value) = forwarded {
            builder = builder.header("x-forwarded-for", value);
        }
        let (mut parts, ()) = builder.body(()).unwrap().into_parts();
        parts
            .extensions
            .insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 1], 5000))));
        parts
    }

    #[test]
    fn the_proxy_appended_hop_is_the_client() {
        let parts = parts(Some("1.2.3.4, 203.0.113.9"));
        assert_eq!(client_of(&parts, true).ip.as_deref(), Some("203.0.113.9"));
        assert_eq!(client_of(&parts, false).ip.as_deref(), Some("10.0.0.1"));
    }

    #[test]
    fn a_forged_or_malformed_forwarded_address_is_not_believed() {
        let long = "x".repeat(500);
        for junk in ["not-an-ip", long.as_str(), ""] {
            assert_eq!(
                client_of(&parts(Some(junk)), true).ip.as_deref(),
                Some("10.0.0.1")
            );
        }
    }

    #[test]
    fn serde_field_paths_are_found() {
        assert_eq!(
            field_of(
                "Failed to deserialize the JSON body into the target type: role: unknown variant `jefe`, expected one of `asesor` at line 1 column 10"
            ),
            Some("role".into())
        );
        assert_eq!(
            field_of(
                "Failed to deserialize the JSON body into the target type: missing field `login` at line 1 column 2"
            ),
            Some("login".into())
        );
        assert_eq!(field_of("something else"), None);
    }
}
