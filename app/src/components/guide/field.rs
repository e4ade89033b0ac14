//! One captured field of a step, drawn by its kind: big touch targets,
//! native keyboard behaviour (Tab, arrows, Space), the suggestion beside it.

use crate::api::guide::{Typification, repeat_contacts};
use crate::domain::local_time::format_date_time;
use crate::domain::procedure::{Field, FieldKind};
use chrono::NaiveDate;
use leptos::prelude::*;

/// A value the guide proposes, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub value: String,
    pub label: String,
    pub because: String,
}

fn dom_id(field: &str) -> String {
    format!("campo-{field}")
}

#[component]
pub fn GuideField(
    field: Field,
    value: Signal<String>,
    proposal: Signal<Option<Proposal>>,
    on_change: Callback<(String, String)>,
    typifications: StoredValue<Vec<Typification>>,
    requirement: Signal<Option<String>>,
    record_id: i64,
) -> impl IntoView {
    let id = field.id.clone();
    let set = {
        let id = id.clone();
        move |v: String| on_change.run((id.clone(), v))
    };
    let help = field.help.clone();
    let system = field.system.clone();
    let needs = field.needs_answer();
    let label = field.label.clone();
    let check_field = field.clone();
    let problem = Memo::new(move |_| check_field.check_value(&value.get()));

    let suggestion_view = {
        let set = set.clone();
        move || {
            proposal.get().filter(|p| p.value != value.get()).map(|p| {
                let set = set.clone();
                let chosen = p.value.clone();
                view! {
                    <p class="guide-suggestion">
                        <span class="guide-suggestion__tag">"Sugerido"</span>
                        <strong>{p.label.clone()}</strong>
                        <span class="muted">{format!(" — {}", p.because)}</span>
                        <button type="button" class="button button--small" on:click=move |_| set(chosen.clone())>
                            "Usar"
                        </button>
                    </p>
                }
            })
        }
    };
    let meta = view! {
        {system.map(|s| view! { <span class="guide-system">{s}</span> })}
        {help.map(|h| view! { <p class="field-hint">{h}</p> })}
    };
    let required_mark =
        needs.then(|| view! { <span class="required" aria-hidden="true">" *"</span> });

    match field.kind {
        FieldKind::YesNo | FieldKind::Choice => {
            let options: Vec<(String, String)> = if field.kind == FieldKind::YesNo {
                vec![("SI".into(), "Sí".into()), ("NO".into(), "No".into())]
            } else {
                field.options.iter().map(|o| (o.value.clone(), o.label.clone())).collect()
            };
            let inline = field.kind == FieldKind::YesNo;
            view! {
                <fieldset class="guide-field guide-choice" class:guide-choice--inline=inline aria-required=needs.to_string()>
                    <legend>{label.clone()}{required_mark}</legend>
                    {meta}
                    <div class="guide-options">
                        {options.into_iter().map(|(v, text)| {
                            let input_id = format!("{}-{}", dom_id(&id), v.to_lowercase());
                            let for_id = input_id.clone();
                            let set = set.clone();
                            let checked_value = v.clone();
                            let chosen = v.clone();
                            view! {
                                <label class="guide-option" for=for_id>
                                    <input type="radio" id=input_id name=dom_id(&id) value=v
                                        prop:checked=move || value.get() == checked_value
                                        on:change=move |_| set(chosen.clone()) />
                                    <span>{text}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    {suggestion_view}
                </fieldset>
            }.into_any()
        }
        FieldKind::Multi => {
            view! {
                <fieldset class="guide-field guide-choice" aria-required=needs.to_string()>
                    <legend>{label.clone()}{required_mark}</legend>
                    {meta}
                    <div class="guide-options">
                        {field.options.iter().map(|o| {
                            let input_id = format!("{}-{}", dom_id(&id), o.value.to_lowercase());
                            let for_id = input_id.clone();
                            let option = o.value.clone();
                            let toggled = o.value.clone();
                            let set = set.clone();
                            view! {
                                <label class="guide-option" for=for_id>
                                    <input type="checkbox" id=input_id value=o.value.clone()
                                        prop:checked=move || value.get().split('|').any(|p| p == option)
                                        on:change=move |_| {
                                            let mut parts: Vec<String> = value.get_untracked()
                                                .split('|').filter(|p| !p.is_empty()).map(str::to_string).collect();
                                            if let Some(at) = parts.iter().position(|p| *p == toggled) {
                                                parts.remove(at);
                                            } else {
                                                parts.push(toggled.clone());
                                            }
                                            set(parts.join("|"));
                                        } />
                                    <span>{o.label.clone()}</span>
                                </label>
                            }
                        }).collect_view()}
                    </div>
                    {suggestion_view}
                </fieldset>
            }.into_any()
        }
        FieldKind::Check => {
            let input_id = dom_id(&id);
            let for_id = input_id.clone();
            let set = set.clone();
            view! {
                <div class="guide-field guide-check">
                    <label class="guide-option guide-option--check" for=for_id>
                        <input type="checkbox" id=input_id aria-required="true"
                            prop:checked=move || value.get() == "SI"
                            on:change=move |ev| set(if event_target_checked(&ev) { "SI".into() } else { String::new() }) />
                        <span>{label.clone()}</span>
                    </label>
                    {meta}
                </div>
            }.into_any()
        }
        FieldKind::Typification => {
            let input_id = dom_id(&id);
            let set = set.clone();
            let options = move || {
                let suggested = proposal.get().map(|p| p.value);
                let requirement = requirement.get();
                let mut all = typifications.get_value();
                all.sort_by_key(|t| {
                    (
                        Some(&t.code) != suggested.as_ref(),
                        t.requirement != requirement,
                        t.code.clone(),
                    )
                });
                all.into_iter().map(|t| {
                    let star = if Some(&t.code) == suggested.as_ref() { "★ " } else { "" };
                    let text = format!("{star}{} — {}{}", t.code, t.name, if t.spc { " (SPC)" } else { "" });
                    let selected_code = t.code.clone();
                    view! { <option value=t.code.clone() selected=move || value.get() == selected_code>{text}</option> }
                }).collect_view()
            };
            view! {
                <div class="guide-field">
                    <label for=input_id.clone()>{label.clone()}{required_mark}</label>
                    {meta}
                    <select id=input_id aria-required=needs.to_string()
                        prop:value=move || value.get()
                        on:change=move |ev| set(event_target_value(&ev))>
                        <option value="">"Elija la marcación…"</option>
                        {options}
                    </select>
                    {suggestion_view}
                </div>
            }.into_any()
        }
        FieldKind::DueDate => {
            let shown = move || {
                NaiveDate::parse_from_str(&value.get(), "%Y-%m-%d")
                    .map(|d| d.format("%d/%m/%Y").to_string())
                    .unwrap_or_else(|_| "Se calcula al entrar al paso".into())
            };
            let days = field.business_days.unwrap_or(0);
            view! {
                <div class="guide-field guide-due">
                    <span class="guide-due__label">{label.clone()}</span>
                    <output id=dom_id(&id) class="guide-due__value">{shown}</output>
                    <p class="field-hint">{format!("{days} días hábiles desde hoy, sin sábados, domingos ni festivos de Colombia.")}</p>
                </div>
            }.into_any()
        }
        kind => {
            let input_id = dom_id(&id);
            let input_type = match kind {
                FieldKind::Date => "date",
                FieldKind::DateTime => "datetime-local",
                _ => "text",
            };
            let code = kind == FieldKind::Code;
            let placeholder = if code {
                format!(
                    "{}{}",
                    field.prefix.clone().unwrap_or_default(),
                    "0".repeat(usize::from(field.min_digits.unwrap_or(6)))
                )
            } else {
                String::new()
            };
            let set_text = set.clone();
            let control = if kind == FieldKind::Notes {
                view! {
                    <textarea id=input_id.clone() rows="3" maxlength="8000" aria-required=needs.to_string()
                        prop:value=move || value.get()
                        on:input=move |ev| set_text(event_target_value(&ev))></textarea>
                }.into_any()
            } else {
                view! {
                    <input id=input_id.clone() type=input_type aria-required=needs.to_string()
                        placeholder=placeholder
                        autocomplete="off"
                        class:input--code=code
                        aria-invalid=move || problem.get().is_some().to_string()
                        prop:value=move || value.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            set_text(if code { v.trim().to_uppercase() } else { v });
                        } />
                }.into_any()
            };
            let repeat = field.repeat_check.then(|| {
                let field_id = id.clone();
                let found = LocalResource::new(move || {
                    let v = value.get();
                    let valid = problem.get().is_none() && !v.is_empty();
                    let field_id = field_id.clone();
                    async move {
                        if valid {
                            repeat_contacts(record_id, &field_id, &v).await.unwrap_or_default()
                        } else {
                            Vec::new()
                        }
                    }
                });
                view! {
                    <div aria-live="polite">
                        {move || found.get().map(|list| {
                            (!list.is_empty()).then(|| {
                                let when = list.iter().map(|c| format!("{} ({})", format_date_time(c.at), c.agent.name)).collect::<Vec<_>>().join("; ");
                                view! {
                                    <p class="guide-warning" role="status">
                                        {format!("El cliente ya se comunicó por este mismo aviso: {when}. Márquelo como reincidente.")}
                                    </p>
                                }
                            })
                        })}
                    </div>
                }
            });
            view! {
                <div class="guide-field">
                    <label for=input_id>{label.clone()}{required_mark}</label>
                    {meta}
                    {control}
                    <p class="field-error" aria-live="polite">{move || problem.get()}</p>
                    {repeat}
                    {suggestion_view}
                </div>
            }.into_any()
        }
    }
}
