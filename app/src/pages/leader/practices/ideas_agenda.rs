//! What a mejora continua meeting or a circuito de mejora continua goes
//! over, from the ideas board: the ideas waiting for a decision, or those
//! approved and not yet delivered to the client and those the client has
//! not yet answered. The decisions themselves are taken on the board.

use crate::api::ideas::{IdeaView, list_ideas};
use crate::components::feedback::Loading;
use crate::domain::practices::ideas::{ClientStatus, IdeaStatus};
use crate::paths::page;
use leptos::prelude::*;

/// How many titles each list shows before "y N más".
const SHOWN: usize = 6;

/// The board's ideas a meeting goes over, by heading.
fn agenda(ideas: &[IdeaView], circuit: bool) -> Vec<(&'static str, Vec<&IdeaView>)> {
    let with = |keep: &dyn Fn(&IdeaView) -> bool| ideas.iter().filter(|i| keep(i)).collect();
    if circuit {
        vec![
            (
                "Aprobadas, por entregar al cliente",
                with(&|i| i.status == IdeaStatus::Aprobada),
            ),
            (
                "Entregadas, esperando la respuesta del cliente",
                with(&|i| {
                    i.status == IdeaStatus::Entregada
                        && matches!(i.client_status, None | Some(ClientStatus::EnEstudio))
                }),
            ),
        ]
    } else {
        vec![
            (
                "Propuestas por decidir",
                with(&|i| i.status == IdeaStatus::Propuesta),
            ),
            (
                "Aprobadas para ejecución",
                with(&|i| i.status == IdeaStatus::Aprobada),
            ),
        ]
    }
}

#[component]
pub(super) fn IdeasAgenda(circuit: bool) -> impl IntoView {
    let ideas = LocalResource::new(list_ideas);
    view! {
        <section class="dialogue-figures" aria-labelledby="ideas-agenda">
            <h3 id="ideas-agenda">"Del tablero de ideas"</h3>
            <Suspense fallback=|| view! { <Loading label="Cargando las ideas…" /> }>
                {move || Suspend::new(async move {
                    match ideas.await {
                        Err(err) => view! {
                            <p class="muted">{format!("No se pudieron cargar las ideas: {}", err.message())}</p>
                        }.into_any(),
                        Ok(list) => view! {
                            {agenda(&list, circuit).into_iter().map(|(heading, items)| {
                                let more = items.len().saturating_sub(SHOWN);
                                view! {
                                    <h4 class="ideas-agenda__heading">{format!("{heading} ({})", items.len())}</h4>
                                    <ul class="plain-list ideas-agenda__list" aria-label=heading>
                                        {items.iter().take(SHOWN).map(|i| view! {
                                            <li>{format!("{} — {}", i.title, i.author.name)}</li>
                                        }).collect_view()}
                                        {(more > 0).then(|| view! { <li class="muted">{format!("y {more} más")}</li> })}
                                    </ul>
                                }
                            }).collect_view()}
                        }.into_any(),
                    }
                })}
            </Suspense>
            <a class="button button--small" href=page::IDEAS>"Abrir Ideas de mejora"</a>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::auth::UserRef;
    use crate::domain::practices::ideas::IdeaArea;
    use chrono::Utc;

    fn idea(id: i64, status: IdeaStatus, client: Option<ClientStatus>) -> IdeaView {
        IdeaView {
            id,
            author: UserRef {
                id: 1,
                login: "asesor1".into(),
                name: "Camila".into(),
            },
            area: IdeaArea::Proceso,
            title: format!("Idea {id}"),
            description: String::new(),
            status,
            client_status: client,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            history: Vec::new(),
            actions: Vec::new(),
        }
    }

    #[test]
    fn each_meeting_goes_over_its_part_of_the_board() {
        let board = [
            idea(1, IdeaStatus::Propuesta, None),
            idea(2, IdeaStatus::Aprobada, None),
            idea(3, IdeaStatus::Entregada, None),
            idea(4, IdeaStatus::Entregada, Some(ClientStatus::EnEstudio)),
            idea(5, IdeaStatus::Entregada, Some(ClientStatus::Implementada)),
            idea(6, IdeaStatus::Descartada, None),
        ];
        let ids = |lists: Vec<(&str, Vec<&IdeaView>)>| {
            lists
                .into_iter()
                .map(|(_, items)| items.iter().map(|i| i.id).collect::<Vec<_>>())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(agenda(&board, false)), vec![vec![1], vec![2]]);
        assert_eq!(ids(agenda(&board, true)), vec![vec![2], vec![3, 4]]);
    }
}
