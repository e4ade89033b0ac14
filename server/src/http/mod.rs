//! The HTTP surface: the REST API under `/api/v1`, health checks, the Leptos
//! pages and static files, and the middleware every request goes through.

mod audit;
mod auth;
mod bases;
pub mod cookies;
mod csrf;
mod dialer;
pub mod error;
pub mod extract;
mod field_ops;
mod floor;
mod headers;
mod health;
mod ideas;
mod interactions;
mod kpis;
mod live;
mod me;
mod offers;
pub mod openapi;
mod practices;
mod procedures;
mod queue;
mod security_events;
pub mod session;
mod team;
mod users;

use crate::state::AppState;
use app::{App, shell};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::{from_fn, from_fn_with_state};
use error::ApiError;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

/// Largest request body accepted by the API (imports come with their own
/// limits later).
const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    let (api, openapi) = api();

    let leptos_options = state.leptos_options.clone();
    Router::new()
        .merge(api)
        .merge(practices::feed_router())
        .merge(SwaggerUi::new(app::paths::api::DOCS).url(app::paths::api::OPENAPI, openapi))
        .leptos_routes(&state, generate_route_list(App), move || {
            shell(leptos_options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(
            ServiceBuilder::new()
                .layer(TraceLayer::new_for_http())
                .layer(from_fn(headers::security_headers))
                .layer(CompressionLayer::new())
                .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
                .layer(from_fn_with_state(state.clone(), session::load_session))
                .layer(from_fn_with_state(state.clone(), audit::record_forbidden))
                .layer(from_fn_with_state(state.clone(), csrf::verify_csrf)),
        )
        .with_state(state)
}

/// The API routes and their OpenAPI document, built together so they never
/// disagree.
fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .nest("/api/v1", api_routes())
        .merge(health::router())
        .split_for_parts()
}

/// The OpenAPI document served at `/api/v1/openapi.json`.
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    api().1
}

/// Every `/api/v1` resource; unknown paths and methods answer in JSON.
fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(auth::router())
        .merge(me::router())
        .merge(bases::router())
        .merge(queue::router())
        .merge(floor::router())
        .merge(dialer::router())
        .merge(live::router())
        .merge(team::router())
        .merge(procedures::router())
        .merge(offers::router())
        .merge(field_ops::router())
        .merge(interactions::router())
        .merge(kpis::router())
        .merge(practices::router())
        .merge(ideas::router())
        .merge(users::router())
        .merge(security_events::router())
        .fallback(|| async { ApiError::RouteNotFound })
}
