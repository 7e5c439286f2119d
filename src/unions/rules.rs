//! Union rules without IO: what a union record must hold.

use chrono::NaiveDate;

use crate::error::Problem;

/// A union record as typed on the form or sent to the API.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct UnionInput {
    pub name: String,
    #[serde(default)]
    pub federation: String,
    pub registration_number: String,
    pub registered_on: String,
    pub member_count: String,
    pub chair_name: String,
    pub secretary_name: String,
    #[serde(default)]
    pub treasurer_name: String,
    #[serde(default)]
    pub status: String,
}

/// The same record, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidUnion {
    pub name: String,
    pub federation: Option<String>,
    pub registration_number: String,
    pub registered_on: NaiveDate,
    pub member_count: i32,
    pub chair_name: String,
    pub secretary_name: String,
    pub treasurer_name: Option<String>,
    pub status: String,
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn name(raw: &str, field: &'static str, min: usize, max: usize) -> Result<String, Problem> {
    let v = words(raw);
    let n = v.chars().count();
    if n < min || n > max || v.chars().any(char::is_control) {
        return Err(Problem::new(
            "invalid_text",
            "Isian wajib diisi dengan panjang yang wajar.",
            "This field is required, of a reasonable length.",
        )
        .field(field));
    }
    Ok(v)
}

pub fn validate(input: &UnionInput, today: NaiveDate) -> Result<ValidUnion, Problem> {
    let union_name = name(&input.name, "name", 3, 200)?;
    let federation = match words(&input.federation) {
        f if f.is_empty() => None,
        _ => Some(name(&input.federation, "federation", 2, 200)?),
    };
    let registration_number = name(&input.registration_number, "registration_number", 1, 100)?;
    let registered_on = NaiveDate::parse_from_str(input.registered_on.trim(), "%Y-%m-%d").map_err(|_| {
        Problem::new("invalid_date", "Tanggal harus berformat TTTT-BB-HH.", "Dates must be written YYYY-MM-DD.")
            .field("registered_on")
    })?;
    if registered_on > today {
        return Err(Problem::new(
            "date_in_future",
            "Tanggal pencatatan tidak boleh di masa depan.",
            "The registration date cannot be in the future.",
        )
        .field("registered_on"));
    }
    let member_count = input
        .member_count
        .trim()
        .replace('.', "")
        .parse::<i32>()
        .ok()
        .filter(|n| (0..=1_000_000).contains(n))
        .ok_or_else(|| {
            Problem::new(
                "invalid_member_count",
                "Jumlah anggota harus 0 sampai 1.000.000.",
                "Members must be 0 to 1,000,000.",
            )
            .field("member_count")
        })?;
    let chair_name = name(&input.chair_name, "chair_name", 2, 120)?;
    let secretary_name = name(&input.secretary_name, "secretary_name", 2, 120)?;
    let treasurer_name = match words(&input.treasurer_name) {
        t if t.is_empty() => None,
        _ => Some(name(&input.treasurer_name, "treasurer_name", 2, 120)?),
    };
    let status = match input.status.trim() {
        "" | "active" => "active",
        "dissolved" => "dissolved",
        _ => {
            return Err(Problem::new(
                "invalid_status",
                "Status harus aktif atau bubar.",
                "The status must be active or dissolved.",
            )
            .field("status"))
        }
    }
    .to_string();
    Ok(ValidUnion {
        name: union_name,
        federation,
        registration_number,
        registered_on,
        member_count,
        chair_name,
        secretary_name,
        treasurer_name,
        status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> UnionInput {
        UnionInput {
            name: "PUK SPAMK FSPMI PT Sinar".into(),
            federation: "FSPMI".into(),
            registration_number: "568/123/SP/2024".into(),
            registered_on: "2024-05-02".into(),
            member_count: "1.250".into(),
            chair_name: "Slamet Riyadi".into(),
            secretary_name: "Nur Aini".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_union_needs_its_registration_and_officers() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let v = validate(&input(), today).expect("valid");
        assert_eq!((v.member_count, v.status.as_str(), v.treasurer_name), (1250, "active", None));
        assert_eq!(
            validate(&UnionInput { registered_on: "2027-01-01".into(), ..input() }, today).expect_err("future").code,
            "date_in_future"
        );
        assert_eq!(
            validate(&UnionInput { chair_name: " ".into(), ..input() }, today).expect_err("no chair").field,
            Some("chair_name")
        );
        assert_eq!(
            validate(&UnionInput { member_count: "-3".into(), ..input() }, today).expect_err("negative").code,
            "invalid_member_count"
        );
    }
}
