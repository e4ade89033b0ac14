//! The logged-in session as the app sees it, and the layout that requires one.
//!
//! On the server the session comes from the request (the server's auth
//! middleware puts a [`SessionInfo`] in the request extensions); it is
//! serialized into the page, so the browser hydrates without asking again.

use crate::api::auth::SessionInfo;
use crate::components::{app_shell::AppShell, feedback::ErrorPanel, feedback::Loading};
use crate::paths::page;
use leptos::prelude::*;
use leptos_router::{
    components::{Outlet, Redirect},
    hooks::use_location,
};

/// The pre-session CSRF token the server issued to this browser (also in the
/// `faro_csrf` cookie); the login request must echo it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginCsrfToken(pub String);

/// The session resource: `Ok(None)` when nobody is logged in.
#[derive(Clone, Copy)]
pub struct SessionResource(pub Resource<Result<Option<SessionInfo>, String>>);

/// Creates the session resource and shares it with every page.
pub fn provide_session() -> SessionResource {
    let resource = SessionResource(Resource::new(|| (), |_| load_session()));
    provide_context(resource);
    resource
}

#[cfg(feature = "ssr")]
fn load_session() -> impl Future<Output = Result<Option<SessionInfo>, String>> {
    let session = request_extension::<SessionInfo>();
    async move { Ok(session) }
}

#[cfg(not(feature = "ssr"))]
fn load_session() -> impl Future<Output = Result<Option<SessionInfo>, String>> {
    async move {
        crate::api::auth::fetch_session()
            .await
            .map_err(|err| err.message())
    }
}

/// A value the server's middleware attached to the request being rendered.
#[cfg(feature = "ssr")]
pub fn request_extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    use_context::<http::request::Parts>().and_then(|parts| parts.extensions.get::<T>().cloned())
}

/// Sets the HTTP status of the page being rendered on the server (a no-op in
/// the browser).
pub fn set_page_status(status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        response.set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// Every signed-in page: sends visitors without a session to the login page
/// (returning here afterwards), otherwise renders the app shell around the page.
#[component]
pub fn SignedInLayout() -> impl IntoView {
    let session = expect_context::<SessionResource>();
    let location = use_location();

    view! {
        <Suspense fallback=|| view! { <Loading label="Cargando Faro…" /> }>
            {move || Suspend::new(async move {
                match session.0.await {
                    Ok(Some(info)) => view! { <AppShell session=info><Outlet /></AppShell> }.into_any(),
                    Ok(None) => {
                        let here = format!(
                            "{}{}",
                            location.pathname.get_untracked(),
                            location.search.get_untracked()
                        );
                        let here = if here.is_empty() { page::HOME.to_string() } else { here };
                        view! { <Redirect path=page::login_then(&here) /> }.into_any()
                    }
                    Err(message) => view! {
                        <main id="contenido" class="page page--centered">
                            <ErrorPanel
                                title="No fue posible cargar su sesión"
                                message=message
                                retry=true
                            />
                        </main>
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

/// The session of the signed-in user; only valid inside [`SignedInLayout`].
pub fn use_session() -> SessionInfo {
    expect_context::<SessionInfo>()
}
