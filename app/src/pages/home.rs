//! `/`: sends each role to its first page.

use crate::navigation::home_path;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn HomePage() -> impl IntoView {
    let role = use_session().user.role;
    view! { <Redirect path=home_path(role) /> }
}
