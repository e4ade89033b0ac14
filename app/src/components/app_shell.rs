//! The frame around every signed-in page: skip link, brand, navigation for
//! the role, the user's menu and the main region.

use crate::api::auth::{SessionInfo, logout};
use crate::components::callback_reminder::CallbackReminder;
use crate::components::hydration::use_hydrated;
use crate::components::live_alerts::LiveAlerts;
use crate::domain::role::Role;
use crate::navigation::nav_items;
use crate::paths::page;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// The skip link moves the keyboard focus to the main region. The router
/// takes over in-page links once the app is hydrated (and then only scrolls),
/// so the focus is moved here, the same before and after hydration.
fn skip_to_content(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    #[cfg(feature = "hydrate")]
    if let Some(main) = document().get_element_by_id("contenido") {
        use wasm_bindgen::JsCast;
        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
            main.scroll_into_view();
            let _ = main.focus();
        }
    }
}

#[component]
pub fn AppShell(session: SessionInfo, children: Children) -> impl IntoView {
    provide_context(session.clone());
    let hydrated = use_hydrated();
    let (leaving, set_leaving) = signal(false);
    let (logout_error, set_logout_error) = signal(None::<String>);
    let csrf = session.csrf_token.clone();

    let on_logout = move |_| {
        set_leaving.set(true);
        set_logout_error.set(None);
        let csrf = csrf.clone();
        spawn_local(async move {
            match logout(&csrf).await {
                // A full load drops every trace of the session from memory.
                Ok(()) => {
                    let _ = window().location().assign(page::LOGIN);
                }
                Err(err) if err.status() == Some(401) => {
                    let _ = window().location().assign(page::LOGIN);
                }
                Err(err) => {
                    set_logout_error.set(Some(err.message()));
                    set_leaving.set(false);
                }
            }
        });
    };

    let user = session.user;
    let role = user.role;
    let team = user
        .reports_to
        .map(|leader| format!("Líder: {}", leader.name));

    view! {
        <a class="skip-link" href="#contenido" on:click=skip_to_content>"Saltar al contenido"</a>
        <div class="shell">
            <header class="shell-bar">
                <a class="brand" href=page::HOME aria-label="Faro, inicio">
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-name">"Faro"</span>
                </a>
                <nav class="main-nav" aria-label="Principal">
                    <ul>
                        {nav_items(role)
                            .iter()
                            .map(|item| view! { <li><A href=item.href>{item.label}</A></li> })
                            .collect_view()}
                    </ul>
                </nav>
                <div class="user-menu">
                    <A href=page::PROFILE attr:class="user-chip">
                        <span class="user-name">{user.name}</span>
                        <span class="user-role">{role.label()}</span>
                        {team.map(|team| view! { <span class="user-team">{team}</span> })}
                    </A>
                    <button
                        type="button"
                        class="button button--quiet"
                        on:click=on_logout
                        disabled=move || !hydrated.get() || leaving.get()
                    >
                        {move || if leaving.get() { "Cerrando sesión…" } else { "Cerrar sesión" }}
                    </button>
                    {(role == Role::Asesor).then(|| view! { <LiveAlerts /><CallbackReminder /> })}
                    <p class="user-menu-error" role="alert">{move || logout_error.get()}</p>
                </div>
            </header>
            <main id="contenido" class="page" tabindex="-1">
                {children()}
            </main>
        </div>
    }
}
