//! "Exportar CSV" and "Exportar Excel" for the view on screen: plain links,
//! so the browser downloads the file the server builds.

use crate::api::kpis::export_href;
use crate::domain::kpis::{KpiFilters, Period};
use leptos::prelude::*;

/// The two links of one view (`resumen`, `serie` or `desglose`); `what`
/// completes their names for screen readers (`del resumen`), as a page
/// has several.
#[component]
pub fn ExportLinks(
    period: Signal<Period>,
    filters: Signal<KpiFilters>,
    view: &'static str,
    #[prop(into)] by: Signal<Option<&'static str>>,
    what: &'static str,
) -> impl IntoView {
    let href = move |format: &'static str| {
        move || filters.with(|f| export_href(period.get(), f, view, by.get(), format))
    };
    view! {
        <div class="kpi-export">
            <a class="button button--small" href=href("csv") download="">
                "Exportar CSV"<span class="visually-hidden">{format!(" {what}")}</span>
            </a>
            <a class="button button--small" href=href("xlsx") download="">
                "Exportar Excel"<span class="visually-hidden">{format!(" {what}")}</span>
            </a>
        </div>
    }
}
