//! Runtime settings of the security features, read from the command line or
//! the environment (see `cli`), with defaults a real operation can keep.

use chrono::Duration;

/// How sessions and logins behave.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A session ends after this long without any request.
    pub session_idle: Duration,
    /// A session ends this long after login, whatever the activity (a shift).
    pub session_absolute: Duration,
    /// Mark cookies `Secure` (Faro is served over HTTPS).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (behind a proxy).
    pub trust_proxy: bool,
    /// Consecutive wrong passwords that lock an account.
    pub login_max_failures: i32,
    /// How long a locked account stays locked.
    pub lockout: Duration,
    /// Failed logins from one address, within `address_window`, after which
    /// that address is refused for a while (guards against guessing many
    /// accounts).
    pub address_max_failures: u64,
    pub address_window: Duration,
    /// The secret the dialer sends with its events; without it the dialer
    /// webhook is off.
    pub dialer_secret: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            session_idle: Duration::minutes(30),
            session_absolute: Duration::hours(12),
            secure_cookies: false,
            trust_proxy: false,
            login_max_failures: 5,
            lockout: Duration::minutes(15),
            address_max_failures: 100,
            address_window: Duration::minutes(15),
            dialer_secret: None,
        }
    }
}
