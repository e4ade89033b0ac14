//! The login page.

use crate::api::auth::{LoginRequest, login};
use crate::components::forms::TextField;
use crate::components::hydration::use_hydrated;
use crate::navigation::home_path;
use crate::paths::page;
use crate::session::use_bootstrap;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::{components::Redirect, hooks::use_query_map};

#[component]
pub fn LoginPage() -> impl IntoView {
    let bootstrap = use_bootstrap();
    let csrf = bootstrap.login_csrf.clone().unwrap_or_default();
    let query = use_query_map();
    let next = move || {
        query
            .read_untracked()
            .get("next")
            .filter(|next| page::is_local_path(next))
    };

    let hydrated = use_hydrated();
    let login_input = NodeRef::<html::Input>::new();
    let password_input = NodeRef::<html::Input>::new();
    let (login_error, set_login_error) = signal(None::<String>);
    let (password_error, set_password_error) = signal(None::<String>);
    let (form_error, set_form_error) = signal(None::<String>);
    let (pending, set_pending) = signal(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (Some(login_el), Some(password_el)) = (login_input.get(), password_input.get()) else {
            return;
        };
        let request = LoginRequest {
            login: login_el.value().trim().to_string(),
            password: password_el.value(),
        };
        set_login_error.set(
            request
                .login
                .is_empty()
                .then(|| "Escriba su usuario.".to_string()),
        );
        set_password_error.set(
            request
                .password
                .is_empty()
                .then(|| "Escriba su contraseña.".to_string()),
        );
        set_form_error.set(None);
        if request.login.is_empty() {
            let _ = login_el.focus();
            return;
        }
        if request.password.is_empty() {
            let _ = password_el.focus();
            return;
        }
        let token = csrf.clone();
        let next = next();
        set_pending.set(true);
        spawn_local(async move {
            match login(&request, &token).await {
                Ok(session) => {
                    let target = next.unwrap_or_else(|| home_path(session.user.role).to_string());
                    // A full load renders the signed-in app from the server.
                    let _ = window().location().assign(&target);
                }
                Err(err) => {
                    set_form_error.set(Some(err.message()));
                    set_pending.set(false);
                    password_el.set_value("");
                    let _ = password_el.focus();
                }
            }
        });
    };

    view! {
        <Title text="Ingresar" />
        <main id="contenido" class="login-page">
            // Someone already signed in has nothing to do here.
            {bootstrap.session.map(|info| view! { <Redirect path=home_path(info.user.role) /> })}
            <section class="login-card" aria-labelledby="login-title">
                <div class="login-brand">
                    <span class="brand-mark" aria-hidden="true"></span>
                    <span class="brand-name">"Faro"</span>
                </div>
                <h1 id="login-title">"Ingresar"</h1>
                <p class="login-lead">"Atención outbound premium · Hogar y Móvil"</p>
                <form on:submit=on_submit novalidate>
                    <TextField
                        id="login"
                        label="Usuario"
                        autocomplete="username"
                        required=true
                        autofocus=true
                        node_ref=login_input
                        error=login_error
                    />
                    <TextField
                        id="password"
                        label="Contraseña"
                        kind="password"
                        autocomplete="current-password"
                        required=true
                        node_ref=password_input
                        error=password_error
                    />
                    <p class="form-error" role="alert">{move || form_error.get()}</p>
                    <button
                        type="submit"
                        class="button button--primary button--block"
                        disabled=move || !hydrated.get() || pending.get()
                    >
                        {move || if pending.get() { "Ingresando…" } else { "Ingresar" }}
                    </button>
                </form>
            </section>
        </main>
    }
}
