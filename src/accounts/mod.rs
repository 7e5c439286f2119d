//! Accounts: users and roles, passwords, sign-in sessions, one-time links, personal API tokens.

pub mod api;
pub mod model;
pub mod rules;
pub mod service;
pub mod signup;
pub mod web;

use harmoni_templates::Lang;

pub use rules::Role;

use crate::error::Error;

/// The signed-in user on whose behalf a request runs; every service call is scoped by it.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: String,
    pub office_id: String,
    pub role: Role,
    pub full_name: String,
    pub email: String,
    pub language: Lang,
    /// The request that carries this actor, written to audit rows.
    pub request_id: Option<String>,
}

impl Actor {
    /// The actor for a stored user; `None` when the row holds an unknown role.
    pub fn from_user(user: &model::UserRow, request_id: Option<String>) -> Option<Actor> {
        Some(Actor {
            user_id: user.id.clone(),
            office_id: user.office_id.clone(),
            role: Role::parse(&user.role)?,
            full_name: user.full_name.clone(),
            email: user.email.clone(),
            language: Lang::parse(&user.language).unwrap_or_default(),
            request_id,
        })
    }

    /// Refuses the action unless the actor has one of the roles.
    pub fn require(&self, roles: &[Role]) -> Result<(), Error> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}
