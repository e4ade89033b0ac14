//! Alerts the agent's tab when one of their callbacks falls due: a banner
//! with the customer and a link to call, a sound, and the tab's title.
//! The list of cases is refreshed every minute; the banner appears at the
//! callback's minute, whatever page the agent is on.

use crate::api::guide::{CaseSummary, cases};
use crate::domain::local_time::format_date_time;
use crate::paths::page;
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn CallbackReminder() -> impl IntoView {
    let open_cases = RwSignal::new(Vec::<CaseSummary>::new());
    let due = RwSignal::new(Vec::<CaseSummary>::new());
    let seen = StoredValue::new(BTreeSet::<(i64, i64)>::new());

    #[cfg(feature = "hydrate")]
    {
        let refresh = move || {
            leptos::task::spawn_local(async move {
                if let Ok(list) = cases(true).await {
                    open_cases.set(list);
                }
            });
        };
        refresh();
        let ticks = StoredValue::new(0u32);
        let check = move || {
            ticks.update_value(|t| *t += 1);
            if ticks.get_value().is_multiple_of(6) {
                refresh();
            }
            let now = chrono::Utc::now();
            let fresh: Vec<CaseSummary> = open_cases.with_untracked(|list| {
                list.iter()
                    .filter(|c| c.callback_at.is_some_and(|at| at <= now))
                    .filter(|c| {
                        let mark = (
                            c.id,
                            c.callback_at.map(|a| a.timestamp()).unwrap_or_default(),
                        );
                        !seen.with_value(|s| s.contains(&mark))
                    })
                    .cloned()
                    .collect()
            });
            if !fresh.is_empty() {
                for c in &fresh {
                    let mark = (
                        c.id,
                        c.callback_at.map(|a| a.timestamp()).unwrap_or_default(),
                    );
                    seen.update_value(|s| {
                        s.insert(mark);
                    });
                }
                let _ = super::live_alerts::browser::beep();
                due.update(|list| list.extend(fresh));
            }
        };
        if let Ok(handle) = set_interval_with_handle(check, std::time::Duration::from_secs(10)) {
            on_cleanup(move || handle.clear());
        }
        // Also at once, for callbacks already due when the tab opens.
        request_animation_frame(check);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (open_cases, seen, cases);

    view! {
        {move || {
            let list = due.get();
            (!list.is_empty()).then(|| view! {
                <div class="callback-reminder" role="alert">
                    <h2>"Devoluciones de llamada para hacer ya"</h2>
                    <ul>
                        {list.into_iter().map(|c| {
                            let href = page::call_for(&c.cuenta, &c.base_id.to_string());
                            view! {
                                <li>
                                    <strong>{c.nombre.clone()}</strong>
                                    {format!(" · cuenta {} · caso #{} ({}) · {}", c.cuenta, c.id, c.state.label(),
                                        c.callback_at.map(format_date_time).unwrap_or_default())}
                                    " "
                                    <a class="button button--small button--primary" href=href>"Llamar ahora"</a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                    <button type="button" class="button button--small" on:click=move |_| due.set(Vec::new())>"Entendido"</button>
                </div>
            })
        }}
    }
}
