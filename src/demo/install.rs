//! Puts the demo into a database: plans, history and the demo accounts.

use crate::domain::Role;
use sqlx::PgPool;

use crate::accounts::{Hasher, generate_password};
use crate::store;

/// A demo account and its one-time password, printed at first start.
pub struct DemoAccount {
    pub email: String,
    pub role: &'static str,
    pub password: String,
}

/// Loads the demo when the database has no plan yet; returns the accounts it created.
pub async fn install_if_empty(db: &PgPool) -> anyhow::Result<Option<Vec<DemoAccount>>> {
    if !store::demo::is_empty(db).await? {
        return Ok(None);
    }
    install(db).await.map(Some)
}

pub async fn install(db: &PgPool) -> anyhow::Result<Vec<DemoAccount>> {
    let data = super::dataset()?;
    store::demo::load(db, &data).await?;
    let mut created = Vec::new();
    let hasher = Hasher::sequential();
    for account in &data.accounts {
        if store::account::users::email_exists(db, &account.email).await? {
            continue;
        }
        let password = generate_password();
        let hash = hasher.hash(password.clone()).await?;
        let mut tx = db.begin().await?;
        store::account::users::create(
            &mut tx,
            &account.email,
            &account.display_name,
            account.role,
            (
                account.institution_key.as_deref(),
                // The demo's forum member works for the demo's government.
                (account.role == Role::Nucleo).then_some(data.government.slug.as_str()),
            ),
            &hash,
        )
        .await?;
        tx.commit().await?;
        created.push(DemoAccount {
            email: account.email.clone(),
            role: account.role.as_str(),
            password,
        });
    }
    Ok(created)
}
