//! `people add|edit|rm`: the roster in `factcheck.yaml`, for editors.

use clap::{Args, Subcommand};

use crate::error::{Error, Result};
use crate::model::Role;
use crate::model::config::{CONFIG_FILE, Person};
use crate::ops::{self, people::PersonChange};
use crate::project::Project;
use crate::render::people as roster;

use super::{Context, Outcome};

/// `people` subcommands.
#[derive(Debug, Subcommand)]
pub enum PeopleCommand {
    /// Add someone to `people` in factcheck.yaml.
    Add(PeopleAddArgs),
    /// Change someone's roles, name or signing keys.
    Edit(PeopleEditArgs),
    /// Remove someone from `people` (their sign-offs stop counting).
    Rm(PeopleRmArgs),
}

/// `people add`.
#[derive(Debug, Args)]
pub struct PeopleAddArgs {
    /// Their email (their identity: `--as`, FACTCHECK_USER or git's user.email).
    pub email: String,
    /// A role they hold (repeatable).
    #[arg(long = "role", value_name = "ROLE", required = true)]
    pub roles: Vec<Role>,
    /// Display name.
    #[arg(long)]
    pub name: Option<String>,
    /// An SSH public key they sign commits with: the whole line of a `.pub` file (repeatable).
    #[arg(long = "signing-key", value_name = "KEY")]
    pub signing_keys: Vec<String>,
}

/// `people edit`.
#[derive(Debug, Args)]
pub struct PeopleEditArgs {
    /// Their email.
    pub email: String,
    /// Replace their roles with these (repeatable).
    #[arg(long = "role", value_name = "ROLE")]
    pub roles: Vec<Role>,
    /// Add a role (repeatable).
    #[arg(long = "add-role", value_name = "ROLE")]
    pub add_roles: Vec<Role>,
    /// Drop a role (repeatable).
    #[arg(long = "drop-role", value_name = "ROLE")]
    pub drop_roles: Vec<Role>,
    /// New display name ("" removes it).
    #[arg(long)]
    pub name: Option<String>,
    /// Replace their signing keys with these (repeatable).
    #[arg(
        long = "signing-key",
        value_name = "KEY",
        conflicts_with = "no_signing_keys"
    )]
    pub signing_keys: Vec<String>,
    /// Remove their signing keys.
    #[arg(long)]
    pub no_signing_keys: bool,
}

/// `people rm`.
#[derive(Debug, Args)]
pub struct PeopleRmArgs {
    /// Their email.
    pub email: String,
}

/// Runs `people add|edit|rm`.
pub fn people(ctx: &Context, cmd: PeopleCommand) -> Result<Outcome> {
    let p = ctx.project()?;
    match cmd {
        PeopleCommand::Add(a) => {
            let roles = a.roles.join(", ");
            let person = Person {
                email: a.email.into(),
                name: a.name.filter(|n| !n.trim().is_empty()),
                roles: a.roles,
                signing_keys: a.signing_keys,
            };
            let email = person.email.clone();
            ops::people::add(&p, person)?;
            ctx.say(&format!(
                "added {email} ({roles}) to `people` in {CONFIG_FILE}"
            ));
        }
        PeopleCommand::Edit(a) => edit(ctx, &p, a)?,
        PeopleCommand::Rm(a) => {
            let lost = ops::people::records_by(&p, &a.email, None)?;
            ops::people::rm(&p, &a.email)?;
            ctx.say(&format!(
                "removed {} from `people` in {CONFIG_FILE}",
                a.email
            ));
            say_lost(ctx, &a.email, lost, "they are not in `people`");
        }
    }
    ctx.say("commit it in a change of its own, as an editor: the pull-request gate reports a policy change by anyone else (FC056)");
    Ok(Outcome::Pass)
}

fn edit(ctx: &Context, p: &Project, a: PeopleEditArgs) -> Result<()> {
    let change = PersonChange {
        roles: (!a.roles.is_empty()).then_some(a.roles),
        add_roles: a.add_roles,
        drop_roles: a.drop_roles,
        name: a.name,
        signing_keys: if a.no_signing_keys {
            Some(Vec::new())
        } else {
            (!a.signing_keys.is_empty()).then_some(a.signing_keys)
        },
    };
    if change.roles.is_none()
        && change.add_roles.is_empty()
        && change.drop_roles.is_empty()
        && change.name.is_none()
        && change.signing_keys.is_none()
    {
        return Err(Error::usage_hint(
            format!("nothing to change for {}", a.email),
            "give --role, --add-role, --drop-role, --name, --signing-key or --no-signing-keys",
        ));
    }
    let before = p
        .person(&a.email)
        .map(|o| o.roles.clone())
        .unwrap_or_default();
    let now = ops::people::edit(p, &a.email, change)?;
    ctx.say(&roster::holds(&now.email, &now.roles));
    for role in before.iter().filter(|r| !now.has(r)) {
        let lost = ops::people::records_by(p, &now.email, Some(role))?;
        say_lost(
            ctx,
            &now.email,
            lost,
            &format!("they no longer hold {role}"),
        );
    }
    Ok(())
}

/// Says how many of `email`'s sign-offs stop counting, and why.
fn say_lost(ctx: &Context, email: &str, n: usize, why: &str) {
    if let Some(line) = roster::lost(email, n, why) {
        ctx.say(&line);
    }
}
