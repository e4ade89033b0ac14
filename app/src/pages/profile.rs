//! The signed-in user's profile and password change.

use crate::api::auth::{ChangePasswordRequest, change_password};
use crate::components::forms::TextField;
use crate::components::hydration::use_hydrated;
use crate::domain::credentials::MIN_PASSWORD_CHARS;
use crate::paths::page;
use crate::session::use_session;
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let session = use_session();
    let user = session.user.clone();
    let csrf = session.csrf_token.clone();
    let hydrated = use_hydrated();

    let current = NodeRef::<html::Input>::new();
    let new = NodeRef::<html::Input>::new();
    let confirm = NodeRef::<html::Input>::new();
    let (current_error, set_current_error) = signal(None::<String>);
    let (new_error, set_new_error) = signal(None::<String>);
    let (confirm_error, set_confirm_error) = signal(None::<String>);
    let (form_error, set_form_error) = signal(None::<String>);
    let (done, set_done) = signal(false);
    let (pending, set_pending) = signal(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (Some(current_el), Some(new_el), Some(confirm_el)) =
            (current.get(), new.get(), confirm.get())
        else {
            return;
        };
        set_done.set(false);
        set_form_error.set(None);
        let request = ChangePasswordRequest {
            current_password: current_el.value(),
            new_password: new_el.value(),
        };
        set_current_error.set(
            request
                .current_password
                .is_empty()
                .then(|| "Escriba su contraseña actual.".into()),
        );
        set_new_error.set(
            (request.new_password.chars().count() < MIN_PASSWORD_CHARS).then(|| {
                format!("La contraseña debe tener al menos {MIN_PASSWORD_CHARS} caracteres.")
            }),
        );
        set_confirm_error.set(
            (confirm_el.value() != request.new_password)
                .then(|| "La confirmación no coincide con la nueva contraseña.".into()),
        );
        if current_error.get_untracked().is_some()
            || new_error.get_untracked().is_some()
            || confirm_error.get_untracked().is_some()
        {
            return;
        }
        set_pending.set(true);
        let csrf = csrf.clone();
        spawn_local(async move {
            match change_password(&request, &csrf).await {
                Ok(()) => {
                    for el in [&current_el, &new_el, &confirm_el] {
                        el.set_value("");
                    }
                    set_done.set(true);
                }
                Err(err) => {
                    set_current_error.set(err.field_message("current_password"));
                    set_new_error.set(err.field_message("new_password"));
                    set_form_error.set(Some(err.message()));
                }
            }
            set_pending.set(false);
        });
    };

    view! {
        <Title text="Mi perfil" />
        <div class="page-header"><h1>"Mi perfil"</h1></div>
        <div class="two-columns">
            <section class="panel" aria-labelledby="perfil-datos">
                <h2 id="perfil-datos">"Sus datos"</h2>
                <dl class="facts">
                    <dt>"Nombre"</dt><dd>{user.name}</dd>
                    <dt>"Usuario"</dt><dd><code>{user.login}</code></dd>
                    <dt>"Rol"</dt><dd>{user.role.label()}</dd>
                    <dt>"Líder"</dt>
                    <dd>{user.reports_to.map(|l| l.name).unwrap_or_else(|| "—".into())}</dd>
                    <dt>"Sesión válida hasta"</dt>
                    <dd>{crate::domain::local_time::format_date_time(session.expires_at)}</dd>
                </dl>
            </section>
            <section class="panel" aria-labelledby="perfil-clave">
                <h2 id="perfil-clave">"Cambiar contraseña"</h2>
                <form on:submit=on_submit novalidate>
                    <TextField id="current_password" label="Contraseña actual" kind="password"
                        autocomplete="current-password" required=true node_ref=current error=current_error />
                    <TextField id="new_password" label="Nueva contraseña" kind="password"
                        autocomplete="new-password" required=true node_ref=new error=new_error
                        hint=format!("Al menos {MIN_PASSWORD_CHARS} caracteres; una frase es más segura que una palabra con símbolos.") />
                    <TextField id="confirm_password" label="Confirme la nueva contraseña" kind="password"
                        autocomplete="new-password" required=true node_ref=confirm error=confirm_error />
                    <p class="form-error" role="alert">{move || form_error.get()}</p>
                    <p class="form-success" role="status">
                        {move || done.get().then_some("Contraseña actualizada. Las demás sesiones abiertas se cerraron.")}
                    </p>
                    <button type="submit" class="button button--primary"
                        disabled=move || !hydrated.get() || pending.get()>
                        {move || if pending.get() { "Guardando…" } else { "Cambiar contraseña" }}
                    </button>
                </form>
            </section>
        </div>
        <p class="muted"><a href=page::HOME>"Volver a mi inicio"</a></p>
    }
}
