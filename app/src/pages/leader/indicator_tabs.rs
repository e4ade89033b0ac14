//! The tabs of the Indicadores area.

use crate::domain::role::Role;
use crate::paths::page;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;

/// The tabs; the gerente's and the admin's include the goals.
#[component]
pub fn IndicatorTabs() -> impl IntoView {
    // The goals live under Configuración, which the gerente's navigation
    // lacks: this tab is the gerente's way there (the admin's too).
    let sets_goals = matches!(use_session().user.role, Role::Gerente | Role::Admin);
    view! {
        <nav class="tabs" aria-label="Secciones de indicadores">
            <A href=page::INDICATORS exact=true>"Los siete indicadores"</A>
            <A href=page::RETENTION_REPORT>"Conversión de la retención"</A>
            <A href=page::INDICATOR_MONITORING>"Monitoreos"</A>
            {sets_goals.then(|| view! {
                <A href=page::SETTINGS_INDICATORS>"Metas de los indicadores"</A>
            })}
        </nav>
    }
}
