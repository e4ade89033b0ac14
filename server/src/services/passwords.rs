//! Argon2id password hashing, off the async runtime.

use super::error::ServiceError;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::LazyLock;
use tokio::sync::Semaphore;

/// Hashes running at once. Each takes 19 MiB and a core for tens of
/// milliseconds; a flood of logins waits here instead of exhausting memory.
static HASHING: LazyLock<Semaphore> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    Semaphore::new(cores * 2)
});

/// Runs a hashing job on the blocking pool, within the concurrency limit.
async fn run_limited<T: Send + 'static>(
    job: impl FnOnce() -> Result<T, ServiceError> + Send + 'static,
) -> Result<T, ServiceError> {
    let _permit = HASHING
        .acquire()
        .await
        .map_err(|err| ServiceError::Internal(format!("hashing limit: {err}")))?;
    tokio::task::spawn_blocking(job)
        .await
        .map_err(|err| ServiceError::Internal(format!("hashing task: {err}")))?
}

/// OWASP's baseline for Argon2id: 19 MiB, 2 passes, 1 lane.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid Argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A hash of a random password, verified against when the login does not
/// exist so that unknown and known users take the same time to refuse.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("contraseña-de-relleno-que-nadie-usa").unwrap_or_default());

/// Hashes on the calling thread; use [`hash`] from async code.
pub fn hash_blocking(password: &str) -> Result<String, ServiceError> {
    // The salt comes from the operating system's random source.
    argon2()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|err| ServiceError::Internal(format!("argon2: {err}")))
}

/// Hashes a password on the blocking pool.
pub async fn hash(password: String) -> Result<String, ServiceError> {
    run_limited(move || hash_blocking(&password)).await
}

/// Checks a password against a stored hash on the blocking pool. `None`
/// verifies against a dummy hash and always answers `false`.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, ServiceError> {
    run_limited(move || {
        let (stored, real) = match stored {
            Some(stored) => (stored, true),
            None => (DUMMY_HASH.clone(), false),
        };
        Ok(real
            && argon2()
                .verify_password(password.as_bytes(), stored.as_str())
                .is_ok())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_password() {
        let stored = hash("caballo bateria grapa".into()).await.unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            verify("caballo bateria grapa".into(), Some(stored.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify("caballo bateria grapa!".into(), Some(stored))
                .await
                .unwrap()
        );
    }

    #[tokio::test]
    async fn an_unknown_user_never_verifies() {
        assert!(
            !verify("contraseña-de-relleno-que-nadie-usa".into(), None)
                .await
                .unwrap()
        );
    }

    #[test]
    fn salts_differ_between_hashes() {
        assert_ne!(
            hash_blocking("misma clave").unwrap(),
            hash_blocking("misma clave").unwrap()
        );
    }
}
