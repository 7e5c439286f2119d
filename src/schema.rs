//! The portable diesel schema, shared by SQLite and PostgreSQL; checked against both migration folders by a test.

diesel::table! {
    offices (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        short_name -> Text,
        region_code -> Text,
        region_name -> Text,
        letterhead_government -> Text,
        letterhead_office -> Text,
        address -> Text,
        phone -> Text,
        email -> Text,
        website -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        office_id -> Text,
        email -> Text,
        full_name -> Text,
        role -> Text,
        language -> Text,
        password_hash -> Nullable<Text>,
        status -> Text,
        failed_logins -> Integer,
        locked_until -> Nullable<Timestamp>,
        password_changed_at -> Nullable<Timestamp>,
        last_login_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        email_verified_at -> Nullable<Timestamp>,
        privacy_consent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Text,
        user_id -> Text,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    account_links (id) {
        id -> Text,
        token_hash -> Text,
        purpose -> Text,
        office_id -> Text,
        user_id -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    signup_attempts (id) {
        id -> Text,
        client_key -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> Text,
        user_id -> Text,
        name -> Text,
        token_hash -> Text,
        prefix -> Text,
        created_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Text,
        office_id -> Text,
        occurred_at -> Timestamp,
        actor_user_id -> Nullable<Text>,
        actor_role -> Text,
        actor_label -> Text,
        action -> Text,
        entity_type -> Text,
        entity_id -> Text,
        summary -> Text,
        request_id -> Nullable<Text>,
    }
}

diesel::table! {
    calendar_years (id) {
        id -> Text,
        office_id -> Text,
        year -> Integer,
        status -> Text,
        source -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    calendar_days (id) {
        id -> Text,
        office_id -> Text,
        day -> Date,
        kind -> Text,
        name_id -> Text,
        name_en -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        office_id -> Text,
        recipient_user_id -> Nullable<Text>,
        recipient_email -> Text,
        recipient_name -> Text,
        template -> Text,
        language -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        message_id -> Text,
        entity_type -> Nullable<Text>,
        entity_id -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        server_response -> Nullable<Text>,
        queued_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    outbox_attachments (id) {
        id -> Text,
        outbox_id -> Text,
        filename -> Text,
        content_type -> Text,
        content -> Binary,
    }
}

diesel::table! {
    outbox_attempts (id) {
        id -> Text,
        outbox_id -> Text,
        attempted_at -> Timestamp,
        outcome -> Text,
        detail -> Text,
    }
}

diesel::table! {
    notices (id) {
        id -> Text,
        office_id -> Text,
        user_id -> Text,
        outbox_id -> Nullable<Text>,
        template -> Text,
        title -> Text,
        body -> Text,
        link -> Nullable<Text>,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    companies (id) {
        id -> Text,
        office_id -> Text,
        name -> Text,
        legal_form -> Text,
        nib -> Text,
        npwp -> Nullable<Text>,
        kbli_code -> Text,
        kbli_edition -> Integer,
        address -> Text,
        outside_city -> Bool,
        kecamatan_code -> Nullable<Text>,
        kelurahan -> Nullable<Text>,
        footprint -> Text,
        size_class -> Text,
        workers_male -> Integer,
        workers_female -> Integer,
        workers_pkwt -> Integer,
        workers_pkwtt -> Integer,
        workers_total -> Integer,
        workforce_reported_on -> Nullable<Date>,
        wlkp_registered -> Bool,
        wlkp_registered_on -> Nullable<Date>,
        contact_name -> Text,
        contact_phone -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        standing_gaps -> Nullable<Integer>,
    }
}

diesel::table! {
    company_representatives (id) {
        id -> Text,
        company_id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    bpjs_records (id) {
        id -> Text,
        company_id -> Text,
        npp -> Text,
        registered_on -> Date,
        jkk -> Bool,
        jkm -> Bool,
        jht -> Bool,
        jp -> Bool,
        jkp -> Bool,
        workers_enrolled -> Integer,
        as_of -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    wage_scales (id) {
        id -> Text,
        company_id -> Text,
        effective_on -> Date,
        workers_informed -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    wage_grades (id) {
        id -> Text,
        wage_scale_id -> Text,
        position -> Integer,
        grade -> Text,
        job_level -> Text,
        min_sen -> BigInt,
        max_sen -> BigInt,
    }
}

diesel::table! {
    lks_bipartit (id) {
        id -> Text,
        company_id -> Text,
        formed_on -> Date,
        registration_number -> Nullable<Text>,
        registered_on -> Nullable<Date>,
        created_at -> Timestamp,
        notified_on -> Nullable<Date>,
    }
}

diesel::table! {
    lks_members (id) {
        id -> Text,
        lks_id -> Text,
        position -> Integer,
        name -> Text,
        side -> Text,
        office -> Text,
    }
}

diesel::table! {
    unions (id) {
        id -> Text,
        office_id -> Text,
        name -> Text,
        federation -> Nullable<Text>,
        registration_number -> Text,
        registered_on -> Date,
        member_count -> Integer,
        chair_name -> Text,
        secretary_name -> Text,
        treasurer_name -> Nullable<Text>,
        status -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    union_companies (id) {
        id -> Text,
        union_id -> Text,
        company_id -> Text,
        members -> Integer,
    }
}

diesel::table! {
    company_imports (id) {
        id -> Text,
        office_id -> Text,
        created_by -> Text,
        filename -> Text,
        rows_json -> Text,
        created_at -> Timestamp,
        applied_at -> Nullable<Timestamp>,
        summary -> Nullable<Text>,
        kind -> Text,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        office_id -> Text,
        owner_kind -> Text,
        owner_id -> Text,
        company_id -> Nullable<Text>,
        sha256 -> Text,
        filename -> Text,
        content_type -> Text,
        size_bytes -> BigInt,
        uploaded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    lks_meetings (id) {
        id -> Text,
        lks_id -> Text,
        held_on -> Date,
        agenda -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    lks_reports (id) {
        id -> Text,
        lks_id -> Text,
        period_year -> Integer,
        period_half -> Integer,
        received_on -> Date,
        summary -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    company_standing (company_id) {
        company_id -> Text,
        office_id -> Text,
        lks -> Text,
        wage -> Text,
        bpjs -> Text,
        computed_on -> Date,
        changes_on -> Date,
        pp -> Text,
    }
}

diesel::table! {
    regulation_submissions (id) {
        id -> Text,
        office_id -> Text,
        company_id -> Text,
        kind -> Text,
        purpose -> Text,
        status -> Text,
        replaces_id -> Nullable<Text>,
        advice_from -> Nullable<Text>,
        pkb_starts_on -> Nullable<Date>,
        pkb_term_months -> Nullable<Integer>,
        received_on -> Nullable<Date>,
        first_received_on -> Nullable<Date>,
        received_via -> Nullable<Text>,
        correction_notified_on -> Nullable<Date>,
        compliant_on -> Nullable<Date>,
        decided_on -> Nullable<Date>,
        deemed_warned_on -> Nullable<Date>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    regulation_submission_unions (submission_id, union_id) {
        submission_id -> Text,
        union_id -> Text,
    }
}

diesel::table! {
    regulation_reviews (id) {
        id -> Text,
        submission_id -> Text,
        round -> Integer,
        item -> Text,
        met -> Bool,
        reason -> Text,
        reviewed_by -> Text,
        reviewed_on -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    regulation_history (id) {
        id -> Text,
        submission_id -> Text,
        action -> Text,
        from_status -> Text,
        to_status -> Text,
        effective_on -> Date,
        actor_user_id -> Nullable<Text>,
        actor_role -> Text,
        note -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    regulations (id) {
        id -> Text,
        office_id -> Text,
        company_id -> Text,
        kind -> Text,
        origin -> Text,
        submission_id -> Nullable<Text>,
        number -> Text,
        number_year -> Nullable<Integer>,
        number_seq -> Nullable<Integer>,
        issuer_level -> Text,
        issuer_name -> Text,
        issued_on -> Date,
        valid_from -> Date,
        valid_until -> Date,
        extended_until -> Nullable<Date>,
        extended_on -> Nullable<Date>,
        extension_note -> Text,
        renewal_reminded_on -> Nullable<Date>,
        signed_by -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    tripartit_terms (id) {
        id -> Text,
        office_id -> Text,
        decree_number -> Text,
        starts_on -> Date,
        ends_on -> Date,
        created_at -> Timestamp,
    }
}

diesel::table! {
    tripartit_members (id) {
        id -> Text,
        term_id -> Text,
        position -> Integer,
        name -> Text,
        side -> Text,
        organisation -> Text,
        role -> Text,
    }
}

diesel::table! {
    tripartit_meetings (id) {
        id -> Text,
        office_id -> Text,
        term_id -> Text,
        held_on -> Date,
        agenda -> Text,
        minutes_summary -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    tripartit_attendance (meeting_id, member_id) {
        meeting_id -> Text,
        member_id -> Text,
        present -> Bool,
    }
}

diesel::table! {
    tripartit_recommendations (id) {
        id -> Text,
        office_id -> Text,
        meeting_id -> Text,
        subject -> Text,
        text -> Text,
        addressed_to -> Text,
        status -> Text,
        follow_up -> Text,
        status_on -> Date,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    cases (id) {
        id -> Text,
        office_id -> Text,
        reference -> Text,
        pin_hash -> Text,
        case_number -> Nullable<Text>,
        dispute_type -> Text,
        status -> Text,
        filed_by -> Text,
        channel -> Text,
        complainant_side -> Text,
        identity_checked -> Bool,
        consent_recorded -> Bool,
        contact_name -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        company_id -> Nullable<Text>,
        company_name -> Text,
        company_address -> Text,
        union_id -> Nullable<Text>,
        union_name -> Nullable<Text>,
        is_group -> Bool,
        chronology -> Text,
        demands -> Text,
        submission_key -> Text,
        submitted_on -> Nullable<Date>,
        registered_on -> Nullable<Date>,
        screening_note -> Nullable<Text>,
        referred_to -> Nullable<Text>,
        forum_worker -> Nullable<Text>,
        forum_company -> Nullable<Text>,
        forum_person -> Nullable<Text>,
        external_outcome -> Nullable<Text>,
        mediator_id -> Nullable<Text>,
        delegated_on -> Nullable<Date>,
        clarification_started_on -> Nullable<Date>,
        clarification_ended_on -> Nullable<Date>,
        clarification_notes -> Nullable<Text>,
        first_session_on -> Nullable<Date>,
        anjuran_issued_on -> Nullable<Date>,
        anjuran_received_on -> Nullable<Date>,
        anjuran_text -> Nullable<Text>,
        anjuran_worker -> Nullable<Text>,
        anjuran_worker_on -> Nullable<Date>,
        anjuran_company -> Nullable<Text>,
        anjuran_company_on -> Nullable<Date>,
        anjuran_accepted_on -> Nullable<Date>,
        pb_signed_on -> Nullable<Date>,
        pb_text -> Nullable<Text>,
        pb_deed_number -> Nullable<Text>,
        pb_deed_on -> Nullable<Date>,
        closed_on -> Nullable<Date>,
        closing_reason -> Nullable<Text>,
        pin_failures -> Integer,
        pin_locked_until -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        status_since -> Nullable<Date>,
    }
}
diesel::table! {
    case_workers (id) {
        id -> Text,
        case_id -> Text,
        position -> Integer,
        full_name -> Text,
        nik -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        job_title -> Nullable<Text>,
        started_on -> Nullable<Date>,
        monthly_wage -> Nullable<BigInt>,
        user_id -> Nullable<Text>,
    }
}
diesel::table! {
    case_bipartite (id) {
        id -> Text,
        case_id -> Text,
        kind -> Text,
        held_on -> Date,
        summary -> Text,
        document_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}
diesel::table! {
    case_history (id) {
        id -> Text,
        case_id -> Text,
        action -> Text,
        from_status -> Text,
        to_status -> Text,
        effective_on -> Date,
        actor_user_id -> Nullable<Text>,
        actor_role -> Text,
        note -> Nullable<Text>,
        created_at -> Timestamp,
    }
}
diesel::table! {
    case_sessions (id) {
        id -> Text,
        case_id -> Text,
        held_on -> Date,
        worker_present -> Bool,
        company_present -> Bool,
        minutes -> Text,
        document_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}
diesel::table! {
    case_summons (id) {
        id -> Text,
        case_id -> Text,
        side -> Text,
        sent_on -> Date,
        session_on -> Date,
        delivery -> Text,
        created_at -> Timestamp,
        hearing_id -> Nullable<Text>,
        letter_number -> Nullable<Text>,
        addressee -> Nullable<Text>,
        withdrawn_at -> Nullable<Timestamp>,
        handed_over_on -> Nullable<Date>,
        handed_over_to -> Nullable<Text>,
        receipt_document_id -> Nullable<Text>,
        opened_at -> Nullable<Timestamp>,
        proper -> Nullable<Bool>,
    }
}
diesel::table! {
    case_assignments (id) {
        id -> Text,
        case_id -> Text,
        mediator_id -> Text,
        assigned_on -> Date,
        reason -> Nullable<Text>,
        assigned_by -> Text,
        created_at -> Timestamp,
    }
}
diesel::table! {
    number_sequences (office_id, series, year) {
        office_id -> Text,
        series -> Text,
        year -> Integer,
        last_number -> Integer,
    }
}

diesel::table! {
    stoppage_notices (id) {
        id -> Text,
        office_id -> Text,
        kind -> Text,
        company_id -> Text,
        union_id -> Nullable<Text>,
        giver_name -> Text,
        signatories -> Text,
        received_at -> Timestamp,
        starts_at -> Timestamp,
        ends_at -> Nullable<Timestamp>,
        place -> Text,
        reasons -> Text,
        notice_due_on -> Date,
        short_notice -> Bool,
        protected_sector -> Nullable<Text>,
        missing_content -> Text,
        receipt_number -> Text,
        receipt_year -> Integer,
        receipt_seq -> Integer,
        submitted_online -> Bool,
        outcome -> Nullable<Text>,
        outcome_on -> Nullable<Date>,
        outcome_note -> Text,
        pb_witness -> Nullable<Text>,
        case_id -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    stoppage_facilitations (id) {
        id -> Text,
        notice_id -> Text,
        held_on -> Date,
        attendees -> Text,
        notes -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    phk_reports (id) {
        id -> Text,
        office_id -> Text,
        company_id -> Text,
        reason_category -> Text,
        reason_text -> Text,
        submitted_online -> Bool,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    phk_workers (id) {
        id -> Text,
        report_id -> Text,
        position -> Integer,
        name -> Text,
        nik -> Text,
        job_title -> Text,
        started_on -> Date,
        terminated_on -> Date,
        probation -> Bool,
        notice_on -> Nullable<Date>,
        notice_due_on -> Date,
        notice_short -> Bool,
    }
}

diesel::table! {
    hearings (id) {
        id -> Text,
        office_id -> Text,
        case_id -> Text,
        kind -> Text,
        status -> Text,
        mediator_id -> Text,
        held_on -> Date,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        room -> Nullable<Text>,
        online_url -> Nullable<Text>,
        agenda -> Text,
        summon_worker -> Bool,
        summon_company -> Bool,
        sequence -> Integer,
        cancel_reason -> Nullable<Text>,
        worker_present -> Nullable<Bool>,
        company_present -> Nullable<Bool>,
        minutes -> Nullable<Text>,
        session_id -> Nullable<Text>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}
diesel::table! {
    hearing_changes (id) {
        id -> Text,
        hearing_id -> Text,
        action -> Text,
        sequence -> Integer,
        starts_at -> Timestamp,
        ends_at -> Timestamp,
        room -> Nullable<Text>,
        online_url -> Nullable<Text>,
        reason -> Nullable<Text>,
        actor_user_id -> Text,
        created_at -> Timestamp,
    }
}
diesel::table! {
    calendar_feeds (id) {
        id -> Text,
        office_id -> Text,
        scope -> Text,
        user_id -> Nullable<Text>,
        token_hash -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(users -> offices (office_id));
diesel::joinable!(union_companies -> unions (union_id));
diesel::joinable!(union_companies -> companies (company_id));
diesel::joinable!(wage_grades -> wage_scales (wage_scale_id));
diesel::joinable!(lks_members -> lks_bipartit (lks_id));
diesel::joinable!(lks_meetings -> lks_bipartit (lks_id));
diesel::joinable!(lks_reports -> lks_bipartit (lks_id));
diesel::joinable!(company_standing -> companies (company_id));
diesel::joinable!(company_representatives -> companies (company_id));
diesel::joinable!(company_representatives -> users (user_id));
diesel::joinable!(outbox_attachments -> outbox (outbox_id));
diesel::joinable!(outbox_attempts -> outbox (outbox_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(api_tokens -> users (user_id));
diesel::joinable!(audit_log -> offices (office_id));

diesel::joinable!(tripartit_members -> tripartit_terms (term_id));
diesel::joinable!(tripartit_meetings -> tripartit_terms (term_id));
diesel::joinable!(tripartit_attendance -> tripartit_meetings (meeting_id));
diesel::joinable!(tripartit_attendance -> tripartit_members (member_id));
diesel::joinable!(tripartit_recommendations -> tripartit_meetings (meeting_id));
diesel::joinable!(case_workers -> cases (case_id));
diesel::joinable!(case_bipartite -> cases (case_id));
diesel::joinable!(case_history -> cases (case_id));
diesel::joinable!(case_sessions -> cases (case_id));
diesel::joinable!(case_summons -> cases (case_id));
diesel::joinable!(case_assignments -> cases (case_id));
diesel::joinable!(cases -> companies (company_id));
diesel::joinable!(stoppage_notices -> companies (company_id));
diesel::joinable!(stoppage_facilitations -> stoppage_notices (notice_id));
diesel::joinable!(phk_reports -> companies (company_id));
diesel::joinable!(phk_workers -> phk_reports (report_id));
diesel::joinable!(regulation_submissions -> companies (company_id));
diesel::joinable!(regulation_submission_unions -> regulation_submissions (submission_id));
diesel::joinable!(regulation_submission_unions -> unions (union_id));
diesel::joinable!(regulation_reviews -> regulation_submissions (submission_id));
diesel::joinable!(regulation_history -> regulation_submissions (submission_id));
diesel::joinable!(regulations -> companies (company_id));
diesel::joinable!(hearings -> cases (case_id));
diesel::joinable!(hearing_changes -> hearings (hearing_id));
diesel::joinable!(case_summons -> hearings (hearing_id));

diesel::table! {
    standing_periods (company_id, valid_from) {
        company_id -> Text,
        office_id -> Text,
        valid_from -> Date,
        valid_to -> Nullable<Date>,
        pp -> Text,
        lks -> Text,
        wage -> Text,
        bpjs -> Text,
        kecamatan -> Text,
        kbli_section -> Text,
        size_class -> Text,
        workforce_band -> Text,
    }
}
diesel::table! {
    indicator_changes (office_id, grain, starts_on, dimension, dim_key) {
        office_id -> Text,
        grain -> Text,
        starts_on -> Date,
        dimension -> Text,
        dim_key -> Text,
        registered -> BigInt,
        pp_met -> BigInt,
        pp_free -> BigInt,
        lks_met -> BigInt,
        lks_free -> BigInt,
        wage_met -> BigInt,
        wage_free -> BigInt,
        bpjs_met -> BigInt,
        bpjs_free -> BigInt,
        all_met -> BigInt,
        all_ok -> BigInt,
    }
}
diesel::table! {
    standing_history_state (office_id) {
        office_id -> Text,
        fingerprint -> Text,
        built_at -> Timestamp,
    }
}
diesel::joinable!(standing_periods -> companies (company_id));

diesel::table! {
    letters (id) {
        id -> Text,
        office_id -> Text,
        kind -> Text,
        owner_kind -> Text,
        owner_id -> Text,
        case_id -> Nullable<Text>,
        company_id -> Nullable<Text>,
        number -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    letter_versions (id) {
        id -> Text,
        letter_id -> Text,
        version -> Integer,
        code -> Text,
        sha256 -> Text,
        size_bytes -> BigInt,
        dated -> Date,
        issued_on -> Date,
        issued_by -> Nullable<Text>,
        issued_by_label -> Text,
        created_at -> Timestamp,
    }
}
diesel::joinable!(letter_versions -> letters (letter_id));

diesel::allow_tables_to_appear_in_same_query!(
    letters,
    letter_versions,
    standing_periods,
    indicator_changes,
    standing_history_state,
    offices,
    users,
    sessions,
    account_links,
    signup_attempts,
    api_tokens,
    audit_log,
    calendar_years,
    calendar_days,
    outbox,
    outbox_attachments,
    outbox_attempts,
    notices,
    companies,
    company_representatives,
    bpjs_records,
    wage_scales,
    wage_grades,
    lks_bipartit,
    lks_members,
    unions,
    union_companies,
    company_imports,
    documents,
    lks_meetings,
    lks_reports,
    company_standing,
    tripartit_terms,
    tripartit_members,
    tripartit_meetings,
    tripartit_attendance,
    tripartit_recommendations,
    cases,
    case_workers,
    case_bipartite,
    case_history,
    case_sessions,
    case_summons,
    case_assignments,
    number_sequences,
    stoppage_notices,
    stoppage_facilitations,
    phk_reports,
    phk_workers,
    regulation_submissions,
    regulation_submission_unions,
    regulation_reviews,
    regulation_history,
    regulations,
    hearings,
    hearing_changes,
    calendar_feeds,
);
