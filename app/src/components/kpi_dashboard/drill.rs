//! The leaders' drill-down: the operation by team, a team by agent, an
//! agent's records; and the breadcrumb that climbs back up.

use super::export::ExportLinks;
use super::records::RecordsList;
use super::tiles::{Status, value_text};
use crate::api::kpis::{BreakdownBy, BreakdownRow, breakdown};
use crate::components::feedback::{ErrorPanel, Loading};
use crate::domain::kpis::{Kpi, KpiFilters, Period};
use leptos::prelude::*;

/// A team (its supervisor) or an agent: the login filters, the name shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub login: String,
    pub name: String,
}

/// Where the drill-down stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drill {
    pub team: Option<Named>,
    pub agent: Option<Named>,
}

impl Drill {
    /// A supervisor's start: their own team (the server allows no other).
    pub fn team(login: &str, name: &str) -> Drill {
        Drill {
            team: Some(Named {
                login: login.to_string(),
                name: name.to_string(),
            }),
            agent: None,
        }
    }

    /// What this level lists; `None` at an agent, whose records show.
    pub fn breakdown_by(&self) -> Option<BreakdownBy> {
        match (&self.team, &self.agent) {
            (_, Some(_)) => None,
            (Some(_), None) => Some(BreakdownBy::Asesor),
            (None, None) => Some(BreakdownBy::Equipo),
        }
    }

    /// One level down, into a row of this level's breakdown.
    pub fn down_to(&self, row: Named) -> Drill {
        match self.breakdown_by() {
            Some(BreakdownBy::Equipo) => Drill {
                team: Some(row),
                agent: None,
            },
            _ => Drill {
                team: self.team.clone(),
                agent: Some(row),
            },
        }
    }

    /// The request's filters: the leader's own plus this level's.
    pub fn filters(&self, base: &KpiFilters) -> KpiFilters {
        KpiFilters {
            team: self.team.as_ref().map(|t| t.login.clone()),
            agent: self.agent.as_ref().map(|a| a.login.clone()),
            ..base.clone()
        }
    }

    /// The breadcrumb from `root` down to here: each step's words and the
    /// level it returns to.
    pub fn crumbs(&self, root: &Drill) -> Vec<(String, Drill)> {
        let mut out = Vec::new();
        if root.team.is_none() {
            out.push(("Operación".to_string(), Drill::default()));
        }
        if let Some(team) = &self.team {
            out.push((
                format!("Equipo de {}", team.name),
                Drill {
                    team: Some(team.clone()),
                    agent: None,
                },
            ));
        }
        if let Some(agent) = &self.agent {
            out.push((agent.name.clone(), self.clone()));
        }
        out
    }

    /// The drill panel's heading.
    pub fn heading(&self, kpi: Kpi) -> String {
        match (&self.team, &self.agent) {
            (_, Some(agent)) => format!("Registros de {} de {}", kpi.label(), agent.name),
            (Some(team), None) => format!("Asesores del equipo de {}", team.name),
            (None, None) => "Indicadores por equipo".to_string(),
        }
    }
}

/// Moves the focus to the drill panel's heading once the new level is
/// drawn, so keyboard and screen-reader users land on what they opened.
fn focus_heading() {
    #[cfg(feature = "hydrate")]
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        if let Some(heading) = document()
            .get_element_by_id("kpi-desglose-titulo")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = heading.focus();
        }
    });
}

/// "Operación › Equipo de Laura Gómez › Camila Restrepo".
#[component]
pub fn Breadcrumb(drill: RwSignal<Drill>, root: Drill) -> impl IntoView {
    view! {
        <nav class="kpi-crumbs" aria-label="Nivel del desglose">
            // The nav's name says it to screen readers already.
            <span class="kpi-crumbs__label" aria-hidden="true">"Viendo:"</span>
            <ol>
                {move || {
                    let crumbs = drill.with(|d| d.crumbs(&root));
                    let last = crumbs.len().saturating_sub(1);
                    crumbs.into_iter().enumerate().map(|(i, (words, target))| {
                        let separator = (i > 0).then(|| view! { <span class="kpi-crumbs__sep" aria-hidden="true">"›"</span> });
                        if i == last {
                            view! { <li>{separator}<span aria-current="location">{words}</span></li> }.into_any()
                        } else {
                            view! {
                                <li>{separator}<button type="button" class="link-button"
                                    on:click=move |_| { drill.set(target.clone()); focus_heading(); }>
                                    {words}
                                </button></li>
                            }.into_any()
                        }
                    }).collect_view()
                }}
            </ol>
        </nav>
    }
}

/// The panel under the trend: a breakdown table, or an agent's records.
#[component]
pub fn DrillPanel(
    #[prop(into)] period: Signal<Period>,
    #[prop(into)] base: Signal<KpiFilters>,
    drill: RwSignal<Drill>,
    selected: RwSignal<Kpi>,
) -> impl IntoView {
    let filters = Signal::derive(move || drill.with(|d| base.with(|b| d.filters(b))));
    let by = Memo::new(move |_| drill.with(Drill::breakdown_by));
    let by_code = Signal::derive(move || by.get().map(BreakdownBy::code));
    view! {
        <section class="panel kpi-drill" aria-labelledby="kpi-desglose-titulo">
            <div class="section-head">
                <h2 id="kpi-desglose-titulo" tabindex="-1">
                    {move || drill.with(|d| d.heading(selected.get()))}
                </h2>
                <Show when=move || by.get().is_some()>
                    <ExportLinks period filters view="desglose" by=by_code what="del desglose" />
                </Show>
            </div>
            {move || match by.get() {
                Some(by) => view! { <BreakdownView period filters by drill selected /> }.into_any(),
                None => view! { <RecordsList period filters selected /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn BreakdownView(
    period: Signal<Period>,
    filters: Signal<KpiFilters>,
    by: BreakdownBy,
    drill: RwSignal<Drill>,
    selected: RwSignal<Kpi>,
) -> impl IntoView {
    let rows = LocalResource::new(move || {
        let (period, filters) = (period.get(), filters.get());
        async move { breakdown(period, &filters, by).await }
    });
    let open = Callback::new(move |row: Named| {
        drill.update(|d| *d = d.down_to(row));
        focus_heading();
    });
    view! {
        <Transition fallback=|| view! { <Loading label="Calculando el desglose…" /> }>
            {move || Suspend::new(async move {
                match rows.await {
                    Err(err) => view! {
                        <ErrorPanel title="No se pudo calcular el desglose" message=err.message() />
                    }.into_any(),
                    Ok(rows) => view! { <BreakdownTable rows by selected open /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn BreakdownTable(
    rows: Vec<BreakdownRow>,
    by: BreakdownBy,
    selected: RwSignal<Kpi>,
    open: Callback<Named>,
) -> impl IntoView {
    let (who, open_words) = match by {
        BreakdownBy::Equipo => ("Equipo (supervisor)", "Ver equipo de "),
        BreakdownBy::Asesor => ("Asesor", "Ver registros de "),
    };
    if rows.is_empty() {
        let empty = match by {
            BreakdownBy::Equipo => "No hay equipos para mostrar.",
            BreakdownBy::Asesor => "El equipo no tiene asesores.",
        };
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    let headers = Kpi::ALL.into_iter().map(|kpi| view! {
        <th scope="col" class="num" class:kpi-col--selected=move || selected.get() == kpi>{kpi.label()}</th>
    }).collect_view();
    let body = rows.into_iter().map(|row| {
        let target = Named { login: row.login.clone(), name: row.name.clone() };
        let cells = Kpi::ALL.into_iter().map(|kpi| {
            let figure = row.report.get(kpi);
            let status = Status::of(kpi, figure);
            // The value speaks for itself without a goal; "—" needs words.
            let words = match status {
                Status::SinMeta => None,
                Status::SinDatos => Some(view! { <span class="visually-hidden">"Sin datos"</span> }.into_any()),
                other => Some(view! {
                    <span class="kpi-cell__status">
                        <span aria-hidden="true">{other.mark()}" "</span>{other.short()}
                    </span>
                }.into_any()),
            };
            view! {
                <td class=format!("num kpi-cell {}", status.class())
                    class:kpi-col--selected=move || selected.get() == kpi>
                    <span class="kpi-cell__value">{value_text(kpi, figure.value)}</span>
                    {words}
                </td>
            }
        }).collect_view();
        view! {
            <tr>
                <th scope="row">
                    <button type="button" class="link-button" on:click=move |_| open.run(target.clone())>
                        <span class="visually-hidden">{open_words}</span>{row.name.clone()}
                    </button>
                </th>
                {cells}
            </tr>
        }
    }).collect_view();
    view! {
        <div class="table-wrap"><table class="table kpi-breakdown">
            <caption class="visually-hidden">{format!("Los siete indicadores por {}", who.to_lowercase())}</caption>
            <thead><tr><th scope="col">{who}</th>{headers}</tr></thead>
            <tbody>{body}</tbody>
        </table></div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(login: &str, name: &str) -> Named {
        Named {
            login: login.into(),
            name: name.into(),
        }
    }

    #[test]
    fn each_level_lists_the_next_and_ends_in_records() {
        let top = Drill::default();
        assert_eq!(top.breakdown_by(), Some(BreakdownBy::Equipo));
        let team = top.down_to(named("supervisor1", "Laura Gómez"));
        assert_eq!(team, Drill::team("supervisor1", "Laura Gómez"));
        assert_eq!(team.breakdown_by(), Some(BreakdownBy::Asesor));
        let agent = team.down_to(named("asesor1", "Camila Restrepo"));
        assert_eq!(agent.breakdown_by(), None);
        assert_eq!(agent.team, team.team);
    }

    #[test]
    fn filters_carry_the_level_and_keep_the_leaders_own() {
        let base = KpiFilters {
            segmento: Some(crate::domain::bases::Segment::Hogar),
            ..KpiFilters::default()
        };
        let agent =
            Drill::team("supervisor1", "Laura Gómez").down_to(named("asesor1", "Camila Restrepo"));
        let filters = agent.filters(&base);
        assert_eq!(filters.team.as_deref(), Some("supervisor1"));
        assert_eq!(filters.agent.as_deref(), Some("asesor1"));
        assert_eq!(filters.segmento, base.segmento);
        assert_eq!(Drill::default().filters(&base), base);
    }

    #[test]
    fn the_breadcrumb_climbs_back_to_the_root() {
        let agent =
            Drill::team("supervisor1", "Laura Gómez").down_to(named("asesor1", "Camila Restrepo"));
        let words =
            |crumbs: Vec<(String, Drill)>| crumbs.into_iter().map(|(w, _)| w).collect::<Vec<_>>();
        assert_eq!(
            words(agent.crumbs(&Drill::default())),
            ["Operación", "Equipo de Laura Gómez", "Camila Restrepo"]
        );
        // A supervisor's root is their team: no way up to the operation.
        let root = Drill::team("supervisor1", "Laura Gómez");
        let crumbs = agent.crumbs(&root);
        assert_eq!(
            words(crumbs.clone()),
            ["Equipo de Laura Gómez", "Camila Restrepo"]
        );
        assert_eq!(crumbs[0].1, root);
        assert_eq!(agent.crumbs(&Drill::default())[0].1, Drill::default());
    }

    #[test]
    fn headings_name_the_level() {
        assert_eq!(Drill::default().heading(Kpi::Nps), "Indicadores por equipo");
        let team = Drill::team("supervisor2", "Julián Ortiz");
        assert_eq!(
            team.heading(Kpi::Nps),
            "Asesores del equipo de Julián Ortiz"
        );
        let agent = team.down_to(named("asesor3", "Valentina Ríos"));
        assert_eq!(
            agent.heading(Kpi::Nps),
            "Registros de NPS de Valentina Ríos"
        );
    }
}
