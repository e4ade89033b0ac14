//! The root component, the HTML shell and the route table.

use crate::pages::{
    admin::{
        BasesSettingsPage, EscalationSettingsPage, FloorSettingsPage, IndicatorSettingsPage,
        OffersPage, PracticeCatalogPage, ProceduresPage, SecurityLogPage, TypificationsPage,
        UsersPage,
    },
    agent::{CallPage, CasesPage, MyIndicatorsPage, QueuePage},
    backoffice::{AgendaPage, EscalationsPage, OutagesPage},
    home::HomePage,
    ideas::IdeasPage,
    leader::{
        AdherencePage, CalendarPage, IndicatorsPage, PlansPage, RetentionReportPage, TeamBasesPage,
        TeamCasesPage, TeamMonitoringPage, TeamPage,
    },
    login::LoginPage,
    not_found::NotFoundPage,
    profile::ProfilePage,
    quality::MonitoringPage,
};
use crate::session::{BOOTSTRAP_ELEMENT_ID, Bootstrap, SignedInLayout, provide_bootstrap};
use leptos::prelude::*;
use leptos_meta::{Link, MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{ParentRoute, Route, Router, Routes},
    path,
};

/// The document around the app, rendered only on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="es-CO">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <AutoReload options=options.clone() />
                <script
                    type="application/json"
                    id=BOOTSTRAP_ELEMENT_ID
                    inner_html=Bootstrap::current().to_script_json()
                ></script>
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The app: session, routes and pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_bootstrap();

    view! {
        <Stylesheet id="faro-css" href="/pkg/faro.css" />
        <Link rel="icon" href="/favicon.ico" />
        <Title formatter=|page: String| {
            if page.is_empty() { "Faro".to_string() } else { format!("{page} · Faro") }
        } />
        <Router>
            <Routes fallback=|| view! { <NotFoundPage /> }>
                <Route path=path!("/ingresar") view=LoginPage ssr=SsrMode::Async />
                <ParentRoute path=path!("") view=SignedInLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("/perfil") view=ProfilePage />
                    <Route path=path!("/cola") view=QueuePage />
                    <Route path=path!("/llamada") view=CallPage />
                    <Route path=path!("/casos") view=CasesPage />
                    <Route path=path!("/mis-indicadores") view=MyIndicatorsPage />
                    <Route path=path!("/equipo") view=TeamPage />
                    <Route path=path!("/equipo/bases") view=TeamBasesPage />
                    <Route path=path!("/equipo/casos") view=TeamCasesPage />
                    <Route path=path!("/indicadores") view=IndicatorsPage />
                    <Route path=path!("/indicadores/retencion") view=RetentionReportPage />
                    <Route path=path!("/indicadores/monitoreos") view=TeamMonitoringPage />
                    <Route path=path!("/calendario") view=CalendarPage />
                    <Route path=path!("/calendario/adherencia") view=AdherencePage />
                    <Route path=path!("/calendario/planes") view=PlansPage />
                    <Route path=path!("/ideas") view=IdeasPage />
                    <Route path=path!("/escalamientos") view=EscalationsPage />
                    <Route path=path!("/avisos") view=OutagesPage />
                    <Route path=path!("/agenda") view=AgendaPage />
                    <Route path=path!("/monitoreo") view=MonitoringPage />
                    <Route path=path!("/configuracion") view=UsersPage />
                    <Route path=path!("/configuracion/seguridad") view=SecurityLogPage />
                    <Route path=path!("/configuracion/bases") view=BasesSettingsPage />
                    <Route path=path!("/configuracion/operacion") view=FloorSettingsPage />
                    <Route path=path!("/configuracion/procedimientos") view=ProceduresPage />
                    <Route path=path!("/configuracion/tipificaciones") view=TypificationsPage />
                    <Route path=path!("/configuracion/ofertas") view=OffersPage />
                    <Route path=path!("/configuracion/escalamientos") view=EscalationSettingsPage />
                    <Route path=path!("/configuracion/indicadores") view=IndicatorSettingsPage />
                    <Route path=path!("/configuracion/practicas") view=PracticeCatalogPage />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
