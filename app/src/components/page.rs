//! The frame of every signed-in page: title, heading and the role check.

use crate::components::feedback::ForbiddenPanel;
use crate::navigation::may_open;
use crate::session::{set_page_status, use_session};
use leptos::prelude::*;
use leptos_meta::Title;

/// A page at `path` titled `title`. Roles whose navigation does not include
/// `path` get a "no permission" panel (HTTP 403 when rendered on the server);
/// the API refuses them anyway, this keeps the screen honest.
#[component]
pub fn Page(#[prop(into)] title: String, path: &'static str, children: Children) -> impl IntoView {
    let session = use_session();
    let allowed = may_open(session.user.role, path);
    if !allowed {
        set_page_status(403);
    }
    view! {
        <Title text=title.clone() />
        <div class="page-header">
            <h1>{title}</h1>
        </div>
        {if allowed { children().into_any() } else { view! { <ForbiddenPanel /> }.into_any() }}
    }
}
