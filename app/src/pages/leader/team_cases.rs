//! Equipo → Casos: the team's cases in follow-up and their callbacks;
//! supervisors reassign a case to another agent of the team.

use super::team_tabs::TeamTabs;
use crate::api::team::team_live;
use crate::components::cases_table::CasesTable;
use crate::components::feedback::Loading;
use crate::components::page::Page;
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn TeamCasesPage() -> impl IntoView {
    let agents = LocalResource::new(team_live);
    view! {
        <Page title="Equipo" path=page::TEAM_CASES>
            <TeamTabs />
            <Suspense fallback=|| view! { <Loading label="Cargando el equipo…" /> }>
                {move || Suspend::new(async move {
                    let team = agents
                        .await
                        .map(|live| live.agents.into_iter().map(|a| a.agent).collect())
                        .unwrap_or_default();
                    view! { <CasesTable team=team /> }
                })}
            </Suspense>
        </Page>
    }
}
