//! Every URL of the app and the API, built in one place.

/// Pages.
pub mod page {
    pub const HOME: &str = "/";
    pub const LOGIN: &str = "/ingresar";
    pub const PROFILE: &str = "/perfil";

    // Asesor.
    pub const QUEUE: &str = "/cola";
    pub const CALL: &str = "/llamada";
    pub const CASES: &str = "/casos";
    pub const MY_INDICATORS: &str = "/mis-indicadores";

    // Supervisor, coordinador, gerente.
    pub const TEAM: &str = "/equipo";
    pub const INDICATORS: &str = "/indicadores";
    pub const CALENDAR: &str = "/calendario";
    pub const CALENDAR_ADHERENCE: &str = "/calendario/adherencia";
    pub const CALENDAR_PLANS: &str = "/calendario/planes";

    // Agents and leaders.
    pub const IDEAS: &str = "/ideas";

    // Back office, calidad, admin.
    pub const ESCALATIONS: &str = "/escalamientos";
    pub const MONITORING: &str = "/monitoreo";
    pub const SETTINGS: &str = "/configuracion";
    pub const SETTINGS_SECURITY: &str = "/configuracion/seguridad";
    pub const SETTINGS_BASES: &str = "/configuracion/bases";
    pub const SETTINGS_FLOOR: &str = "/configuracion/operacion";
    pub const TEAM_BASES: &str = "/equipo/bases";
    pub const TEAM_CASES: &str = "/equipo/casos";
    pub const SETTINGS_PROCEDURES: &str = "/configuracion/procedimientos";
    pub const SETTINGS_TYPIFICATIONS: &str = "/configuracion/tipificaciones";
    pub const SETTINGS_OFFERS: &str = "/configuracion/ofertas";
    pub const SETTINGS_ESCALATIONS: &str = "/configuracion/escalamientos";
    pub const OUTAGES: &str = "/avisos";
    pub const AGENDA: &str = "/agenda";
    pub const RETENTION_REPORT: &str = "/indicadores/retencion";
    pub const INDICATOR_MONITORING: &str = "/indicadores/monitoreos";
    pub const SETTINGS_INDICATORS: &str = "/configuracion/indicadores";
    pub const SETTINGS_PRACTICES: &str = "/configuracion/practicas";

    /// The call page for a customer (the dialer's screen-pop URL).
    pub fn call_for(cuenta: &str, base: &str) -> String {
        format!(
            "{CALL}?cuenta={}&base={}",
            super::encode_query_value(cuenta),
            super::encode_query_value(base)
        )
    }

    /// The call page for a record already held.
    pub fn call_record(id: i64) -> String {
        format!("{CALL}?registro={id}")
    }

    /// The login page, returning to `next` afterwards.
    pub fn login_then(next: &str) -> String {
        if next.is_empty() || next == HOME || !is_local_path(next) {
            LOGIN.to_string()
        } else {
            format!("{LOGIN}?next={}", super::encode_query_value(next))
        }
    }

    /// Whether `path` is a path on this site, so it is safe to redirect to
    /// after login. Browsers drop tabs and line breaks from URLs and read `\`
    /// as `/`, so `/\t/evil.example` would leave the site: any control
    /// character or backslash is refused, as is `//host`.
    pub fn is_local_path(path: &str) -> bool {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path.chars().any(|c| c.is_control() || c == '\\')
    }
}

/// REST API under `/api/v1`.
pub mod api {
    pub const PREFIX: &str = "/api/v1";
    pub const LOGIN: &str = "/api/v1/auth/login";
    pub const LOGOUT: &str = "/api/v1/auth/logout";
    pub const CSRF: &str = "/api/v1/auth/csrf";
    pub const ME: &str = "/api/v1/me";
    pub const MY_PASSWORD: &str = "/api/v1/me/password";
    pub const MY_STATE: &str = "/api/v1/me/state";
    pub const USERS: &str = "/api/v1/users";
    pub const TEAMS: &str = "/api/v1/teams";
    pub const SECURITY_EVENTS: &str = "/api/v1/security-events";
    pub const BASES: &str = "/api/v1/bases";
    pub const BASE_IMPORTS: &str = "/api/v1/bases/imports";
    pub const QUEUE_NEXT: &str = "/api/v1/queue/next";
    pub const QUEUE_CURRENT: &str = "/api/v1/queue/current";
    pub const QUEUE_CALLBACKS: &str = "/api/v1/queue/callbacks";
    pub const RECORDS: &str = "/api/v1/records";
    pub const FLOOR_SETTINGS: &str = "/api/v1/settings/floor";
    pub const EXCLUDED_NUMBERS: &str = "/api/v1/excluded-numbers";
    pub const DIALER_EVENTS: &str = "/api/v1/dialer/events";
    pub const EVENTS: &str = "/api/v1/events";
    pub const TEAM_LIVE: &str = "/api/v1/team/live";
    pub const TEAM_REASSIGN: &str = "/api/v1/team/reassign";
    pub const PROCEDURES: &str = "/api/v1/procedures";
    pub const PROCEDURES_VALIDATE: &str = "/api/v1/procedures/validate";
    pub const PROCEDURES_IMPORT: &str = "/api/v1/procedures/import";
    pub const TYPIFICATIONS: &str = "/api/v1/typifications";
    pub const TYPIFICATIONS_IMPORT: &str = "/api/v1/typifications/import";
    pub const OFFERS: &str = "/api/v1/offers";
    pub const OFFERS_IMPORT: &str = "/api/v1/offers/import";
    pub const OFFERS_HISTORY: &str = "/api/v1/offers/history";
    pub const RETENTION_POLICIES: &str = "/api/v1/retention-policies";
    pub const RETENTION_REPORT: &str = "/api/v1/reports/retention";
    pub const INTERACTIONS: &str = "/api/v1/interactions";
    pub const INTERACTIONS_REPEAT: &str = "/api/v1/interactions/repeat";
    pub const CASES: &str = "/api/v1/cases";
    pub const VISIT_SLOTS: &str = "/api/v1/visit-slots";
    pub const VISIT_SLOTS_IMPORT: &str = "/api/v1/visit-slots/import";
    pub const VISITS: &str = "/api/v1/visits";
    pub const INCIDENTS: &str = "/api/v1/incidents";
    pub const ESCALATIONS: &str = "/api/v1/escalations";
    pub const ESCALATION_SLAS: &str = "/api/v1/escalation-slas";
    pub const KPIS: &str = "/api/v1/kpis";
    pub const KPIS_SERIES: &str = "/api/v1/kpis/series";
    pub const KPIS_BREAKDOWN: &str = "/api/v1/kpis/breakdown";
    pub const KPIS_RECORDS: &str = "/api/v1/kpis/records";
    pub const KPIS_EXPORT: &str = "/api/v1/kpis/export";
    pub const KPIS_SETTINGS: &str = "/api/v1/kpis/settings";
    pub const MONITORING: &str = "/api/v1/monitoring";
    pub const MONITORING_CHECKLIST: &str = "/api/v1/monitoring/checklist";
    pub const MONITORING_AGENTS: &str = "/api/v1/monitoring/agents";
    pub const MONITORING_INTERACTIONS: &str = "/api/v1/monitoring/interactions";
    pub const PRACTICES: &str = "/api/v1/practices";
    pub const CALENDAR: &str = "/api/v1/calendar";
    pub const CALENDAR_PLAN_WEEK: &str = "/api/v1/calendar/plan-week";
    pub const CALENDAR_FEED: &str = "/api/v1/calendar/feed";
    pub const PRACTICE_RECORDS: &str = "/api/v1/practice-records";
    pub const PRACTICE_RECORDS_MINE: &str = "/api/v1/practice-records/mine";
    pub const ADHERENCE: &str = "/api/v1/adherence";
    pub const IDEAS: &str = "/api/v1/ideas";
    pub const BAROMETER_PLANS: &str = "/api/v1/barometer-plans";
    /// The leaders' calendar feeds, outside the session API: the token in
    /// the address is the credential.
    pub const ICS_FEEDS: &str = "/ics";

    pub fn plan_follow_ups(id: i64) -> String {
        format!("{BAROMETER_PLANS}/{id}/follow-ups")
    }

    pub fn idea_steps(id: i64) -> String {
        format!("{IDEAS}/{id}/steps")
    }

    pub fn kpi_import(kind: &str) -> String {
        format!("/api/v1/kpi-imports/{kind}")
    }

    pub fn visit_slot(id: i64) -> String {
        format!("{VISIT_SLOTS}/{id}")
    }

    pub fn record_visit_slots(record_id: i64) -> String {
        format!("{RECORDS}/{record_id}/visit-slots")
    }

    pub fn visit_reschedule(id: i64) -> String {
        format!("{VISITS}/{id}/reschedule")
    }

    pub fn visit_cancel(id: i64) -> String {
        format!("{VISITS}/{id}/cancel")
    }

    pub fn incident(id: i64) -> String {
        format!("{INCIDENTS}/{id}")
    }

    pub fn incident_close(id: i64) -> String {
        format!("{INCIDENTS}/{id}/close")
    }

    pub fn incident_customers(id: i64) -> String {
        format!("{INCIDENTS}/{id}/customers")
    }

    /// `take`, `answer` or `resolve`.
    pub fn escalation_action(id: i64, action: &str) -> String {
        format!("{ESCALATIONS}/{id}/{action}")
    }
    pub const OPENAPI: &str = "/api/v1/openapi.json";
    pub const DOCS: &str = "/api/v1/docs";

    pub fn procedure(id: i64) -> String {
        format!("{PROCEDURES}/{id}")
    }

    pub fn procedure_file(id: i64) -> String {
        format!("{PROCEDURES}/{id}/file")
    }

    pub fn procedure_copy(id: i64) -> String {
        format!("{PROCEDURES}/{id}/copy")
    }

    pub fn procedure_publish(id: i64) -> String {
        format!("{PROCEDURES}/{id}/publish")
    }

    pub fn typification(code: &str) -> String {
        format!("{TYPIFICATIONS}/{}", super::encode_query_value(code))
    }

    pub fn offer(code: &str) -> String {
        format!("{OFFERS}/{}", super::encode_query_value(code))
    }

    pub fn retention_policy(code: &str) -> String {
        format!("{RETENTION_POLICIES}/{}", super::encode_query_value(code))
    }

    pub fn interaction(key: &str) -> String {
        format!("{INTERACTIONS}/{}", super::encode_query_value(key))
    }

    pub fn interaction_close(key: &str) -> String {
        format!("{}/close", interaction(key))
    }

    pub fn interaction_abandon(key: &str) -> String {
        format!("{}/abandon", interaction(key))
    }

    pub fn case(id: i64) -> String {
        format!("{CASES}/{id}")
    }

    pub fn case_reassign(id: i64) -> String {
        format!("{CASES}/{id}/reassign")
    }

    pub fn user(id: i64) -> String {
        format!("{USERS}/{id}")
    }

    pub fn base(id: i64) -> String {
        format!("{BASES}/{id}")
    }

    pub fn base_import(id: i64) -> String {
        format!("{BASE_IMPORTS}/{id}")
    }

    pub fn excluded_number(phone: &str) -> String {
        format!("{EXCLUDED_NUMBERS}/{}", super::encode_query_value(phone))
    }

    pub fn record_card(id: i64) -> String {
        format!("{RECORDS}/{id}/card")
    }

    pub fn record_open(cuenta: &str, base: &str) -> String {
        format!(
            "{RECORDS}/open?cuenta={}&base={}",
            super::encode_query_value(cuenta),
            super::encode_query_value(base)
        )
    }

    pub fn record_attempts(id: i64) -> String {
        format!("{RECORDS}/{id}/attempts")
    }

    pub fn record_release(id: i64) -> String {
        format!("{RECORDS}/{id}/release")
    }

    pub fn record_keepalive(id: i64) -> String {
        format!("{RECORDS}/{id}/keepalive")
    }

    pub fn record_reveal(id: i64) -> String {
        format!("{RECORDS}/{id}/reveal")
    }

    pub fn user_password(id: i64) -> String {
        format!("{USERS}/{id}/password")
    }

    pub fn security_events_before(before: Option<i64>) -> String {
        match before {
            Some(id) => format!("{SECURITY_EVENTS}?before={id}"),
            None => SECURITY_EVENTS.to_string(),
        }
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters kept).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_then_keeps_local_paths_only() {
        assert_eq!(page::login_then("/equipo"), "/ingresar?next=/equipo");
        assert_eq!(page::login_then("/"), "/ingresar");
        assert_eq!(page::login_then("//evil.example"), "/ingresar");
        assert_eq!(page::login_then("https://evil.example"), "/ingresar");
    }

    #[test]
    fn paths_that_browsers_would_turn_into_other_sites_are_refused() {
        for hostile in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r//evil.example",
            "/x\\..\\\\evil",
            "https://evil.example",
            "javascript:alert(1)",
            "",
        ] {
            assert!(!page::is_local_path(hostile), "{hostile:?}");
        }
        assert!(page::is_local_path("/llamada?cuenta=123&base=7"));
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            encode_query_value("/llamada?cuenta=1&b=2"),
            "/llamada%3Fcuenta%3D1%26b%3D2"
        );
    }
}
