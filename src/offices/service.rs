//! Keeps the office rows in step with the configuration at start-up (config is the source of truth).

use crate::audit::service::{record, AuditEntry};
use crate::config::OfficeSettings;
use crate::db::{write_tx, DbConn};
use crate::error::Error;
use crate::offices::model::{self, Office};

/// The id a new office gets: derived from its code, so that every installation (and every test
/// database) gives an office the same id, and the demo register salted by it is the same too.
fn id_for_code(code: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("harmoni-office:{code}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid().to_string()
}

/// Creates or updates one row per configured office; returns the rows in config order.
/// Changes are audited as the system's own actions.
pub fn sync_from_config(
    conn: &mut DbConn,
    configured: &[OfficeSettings],
    now: chrono::NaiveDateTime,
) -> Result<Vec<Office>, Error> {
    write_tx(conn, |conn| {
        let mut rows = Vec::new();
        for cfg in configured {
            let existing = model::find_by_code(conn, &cfg.code)?;
            let mut office = Office {
                id: existing.as_ref().map(|o| o.id.clone()).unwrap_or_else(|| id_for_code(&cfg.code)),
                code: cfg.code.clone(),
                name: cfg.name.clone(),
                short_name: cfg.short_name.clone(),
                region_code: cfg.region_code.clone(),
                region_name: cfg.region_name.clone(),
                letterhead_government: cfg.letterhead_government.clone(),
                letterhead_office: cfg.letterhead_office.clone(),
                address: cfg.address.clone(),
                phone: cfg.phone.clone(),
                email: cfg.email.clone(),
                website: cfg.website.clone(),
                created_at: existing.as_ref().map(|o| o.created_at).unwrap_or(now),
                updated_at: now,
            };
            match existing {
                None => {
                    model::insert(conn, &office)?;
                    record(
                        conn,
                        &AuditEntry::system(
                            &office.id,
                            "office.create",
                            "office",
                            &office.id,
                            format!("Kantor dibuat dari konfigurasi: {} ({})", office.name, office.code),
                        ),
                        now,
                    )?;
                }
                Some(old) if differs(&old, &office) => {
                    model::update_details(conn, &office)?;
                    record(
                        conn,
                        &AuditEntry::system(
                            &office.id,
                            "office.update",
                            "office",
                            &office.id,
                            format!("Data kantor diperbarui dari konfigurasi: {}", office.name),
                        ),
                        now,
                    )?;
                }
                Some(old) => office.updated_at = old.updated_at,
            }
            rows.push(office);
        }
        Ok(rows)
    })
}

fn differs(a: &Office, b: &Office) -> bool {
    (
        &a.name,
        &a.short_name,
        &a.region_code,
        &a.region_name,
        &a.letterhead_government,
        &a.letterhead_office,
        &a.address,
        &a.phone,
        &a.email,
        &a.website,
    ) != (
        &b.name,
        &b.short_name,
        &b.region_code,
        &b.region_name,
        &b.letterhead_government,
        &b.letterhead_office,
        &b.address,
        &b.phone,
        &b.email,
        &b.website,
    )
}
