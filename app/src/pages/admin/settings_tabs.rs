//! The tabs of the configuration area.

use crate::paths::{api, page};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn SettingsTabs() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Secciones de configuración">
            <A href=page::SETTINGS exact=true>"Usuarios y equipos"</A>
            <A href=page::SETTINGS_BASES>"Bases"</A>
            <A href=page::SETTINGS_FLOOR>"Operación"</A>
            <A href=page::SETTINGS_PROCEDURES>"Procedimiento"</A>
            <A href=page::SETTINGS_TYPIFICATIONS>"Tipificaciones"</A>
            <A href=page::SETTINGS_OFFERS>"Ofertas"</A>
            <A href=page::SETTINGS_ESCALATIONS>"Escalamientos"</A>
            <A href=page::SETTINGS_INDICATORS>"Indicadores"</A>
            <A href=page::SETTINGS_PRACTICES>"Prácticas"</A>
            <A href=page::SETTINGS_SECURITY>"Registro de seguridad"</A>
            // Served by the server, outside the app: a full page load.
            <a href=format!("{}/", api::DOCS) rel="external" class="tabs-aside">
                "Documentación de la API"
            </a>
        </nav>
    }
}
