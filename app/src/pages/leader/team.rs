//! The leader's team: who reports to whom.

use crate::api::users::{TeamView, list_teams};
use crate::components::{
    feedback::{ErrorPanel, Loading},
    page::Page,
};
use crate::paths::page;
use leptos::prelude::*;

#[component]
pub fn TeamPage() -> impl IntoView {
    let teams = LocalResource::new(list_teams);
    view! {
        <Page title="Equipo" path=page::TEAM>
            <super::team_tabs::TeamTabs />
            <super::practices::TodayPlan />
            <super::practices::AdherenceSummary />
            <super::team_live::TeamLiveView />
            <Suspense fallback=|| view! { <Loading label="Cargando su equipo…" /> }>
                {move || Suspend::new(async move {
                    match teams.await {
                        Ok(teams) if teams.is_empty() => view! {
                            <p class="empty">"No tiene equipos asignados todavía."</p>
                        }.into_any(),
                        Ok(teams) => view! {
                            <div class="team-grid">
                                {teams.into_iter().map(|team| view! { <TeamCard team /> }).collect_view()}
                            </div>
                        }.into_any(),
                        Err(err) => view! {
                            <ErrorPanel title="No fue posible cargar su equipo" message=err.message() retry=true />
                        }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
}

#[component]
fn TeamCard(team: TeamView) -> impl IntoView {
    let heading_id = format!("equipo-{}", team.supervisor.id);
    let labelled_by = heading_id.clone();
    let active = team.agents.iter().filter(|agent| agent.active).count();
    view! {
        <section class="panel team-card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("Equipo de {}", team.supervisor.name)}</h2>
            <p class="muted">
                {team.coordinador.map(|c| format!("Coordinador: {} · ", c.name))}
                {format!("{active} asesores activos")}
            </p>
            <div class="table-wrap"><table class="table">
                <caption class="visually-hidden">"Asesores del equipo"</caption>
                <thead>
                    <tr><th scope="col">"Asesor"</th><th scope="col">"Usuario"</th><th scope="col">"Estado"</th></tr>
                </thead>
                <tbody>
                    {team.agents.into_iter().map(|agent| view! {
                        <tr>
                            <td>{agent.name}</td>
                            <td><code>{agent.login}</code></td>
                            <td>{if agent.active { "Activo" } else { "Inactivo" }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table></div>
        </section>
    }
}
