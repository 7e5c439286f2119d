//! Self sign-up pages: the form (/daftar), "check your email", the verification confirm page,
//! the page for a link that no longer works, and the form to ask for a new link.

use maud::{html, Markup};

use crate::components::{csrf_input, error_summary, select_field, text_field, Field, FormErrors};
use crate::{page, Lang, PageCtx};

#[derive(Debug, Clone, Default)]
pub struct SignupView {
    pub full_name: String,
    pub email: String,
    /// `id` or `en`
    pub language: String,
    pub consent: bool,
    pub min_length: usize,
    pub errors: FormErrors,
}

/// What the office keeps and why, in plain words (UU 27/2022 Ps 20-22: consent must be
/// specific, informed and given in clear language).
fn consent_text(l: Lang, office: &str) -> Markup {
    let office = if office.is_empty() { "Dinas Tenaga Kerja" } else { office };
    html! {
        p.hint #h-consent {
            @match l {
                Lang::Id => {
                    "Yang kami simpan: nama, alamat email, bahasa pilihan, serta waktu Anda mendaftar dan menyetujui ini. "
                    "Untuk apa: hanya untuk akun Harmoni Anda — masuk, mengajukan dan mengikuti pengaduan, dan mengirim pemberitahuan tentang perkara Anda. "
                    "Data disimpan oleh " (office) " dan tidak diberikan kepada pihak lain kecuali diwajibkan undang-undang. "
                    "Anda dapat meminta salinan, perbaikan, atau penghapusan data Anda kepada kantor (UU 27/2022 tentang Pelindungan Data Pribadi)."
                }
                Lang::En => {
                    "What we keep: your name, email address, preferred language, and when you signed up and agreed to this. "
                    "What for: only your Harmoni account — signing in, filing and following complaints, and notices about your case. "
                    "The data is kept by " (office) " and given to no one else unless the law requires it. "
                    "You may ask the office for a copy, a correction or the deletion of your data (UU 27/2022 on Personal Data Protection)."
                }
            }
        }
    }
}

pub fn signup_page(ctx: &PageCtx, v: &SignupView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Daftar akun pekerja", "Create a worker account");
    let password_hint = match l {
        Lang::Id => format!("Minimal {} karakter. Gunakan beberapa kata yang mudah Anda ingat tetapi sulit ditebak orang lain; kata sandi umum ditolak.", v.min_length),
        Lang::En => format!("At least {} characters. Use several words you remember that others cannot guess; common passwords are refused.", v.min_length),
    };
    let languages = [("id".to_string(), "Bahasa Indonesia".to_string()), ("en".to_string(), "English".to_string())];
    let consent_error = v.errors.for_field("consent");
    let consent_described = if consent_error.is_some() { "h-consent e-consent" } else { "h-consent" };
    page(
        ctx,
        title,
        html! {
            div.narrow {
                h1 { (title) }
                p.lead { (l.t(
                    "Untuk pekerja dan pengurus serikat pekerja yang ingin mengajukan pengaduan perselisihan hubungan industrial secara daring.",
                    "For workers and union officers who want to file an industrial-relations dispute complaint online."
                )) }
                (error_summary(l, &v.errors))
                form method="post" action="/daftar" novalidate {
                    (csrf_input(&ctx.csrf_token))
                    (text_field(&Field::new("full_name", l.t("Nama lengkap", "Full name")).value(&v.full_name).autocomplete("name").required(), &v.errors))
                    (text_field(&Field::new("email", l.t("Alamat email", "Email address")).kind("email").value(&v.email).autocomplete("email").hint(l.t("Kami mengirim tautan verifikasi ke alamat ini.", "We send a verification link to this address.")).required(), &v.errors))
                    (text_field(&Field::new("password", l.t("Kata sandi", "Password")).kind("password").autocomplete("new-password").hint(&password_hint).required(), &v.errors))
                    (text_field(&Field::new("password_confirm", l.t("Ulangi kata sandi", "Repeat the password")).kind("password").autocomplete("new-password").required(), &v.errors))
                    (select_field("language", l.t("Bahasa untuk tampilan dan email", "Language for pages and email"), &languages, &v.language, &v.errors))
                    fieldset class={ "consent" @if consent_error.is_some() { " has-error" } } {
                        legend { (l.t("Persetujuan pemrosesan data pribadi", "Consent to the processing of personal data")) }
                        (consent_text(l, &ctx.office_name))
                        @if let Some(error) = consent_error { p.field-error #e-consent { (error) } }
                        div.checkbox {
                            input #f-consent type="checkbox" name="consent" value="ya" checked[v.consent] required
                                aria-invalid=[consent_error.map(|_| "true")] aria-describedby=(consent_described);
                            label for="f-consent" { (l.t(
                                "Saya menyetujui pemrosesan data pribadi saya seperti dijelaskan di atas.",
                                "I agree to the processing of my personal data as described above."
                            )) " " span.req aria-hidden="true" { "*" } }
                        }
                    }
                    button type="submit" { (l.t("Daftar", "Sign up")) }
                }
                p { (l.t("Sudah punya akun?", "Already have an account?")) " " a href="/login" { (l.t("Masuk", "Sign in")) } }
                p.hint { (l.t(
                    "Perusahaan dan petugas kantor tidak mendaftar di sini; akun mereka dibuat oleh Disnaker.",
                    "Companies and office staff do not sign up here; the Disnaker makes their accounts."
                )) }
            }
        },
    )
}

/// Why the "check your email" page is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SentKind {
    /// After the sign-up form: the same page whether or not the address was already registered.
    Signup,
    /// After asking for a new verification link.
    Resend,
}

#[derive(Debug, Clone)]
pub struct CheckEmailView {
    pub kind: SentKind,
    pub email: String,
    pub verify_hours: u32,
    pub resend_minutes: i64,
}

pub fn check_email_page(ctx: &PageCtx, v: &CheckEmailView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Periksa email Anda", "Check your email");
    let lead = match (v.kind, l) {
        (SentKind::Signup, Lang::Id) => format!("Kami mengirim email ke {} berisi tautan untuk memverifikasi alamat tersebut. Akun Anda baru dapat dipakai setelah tautan itu dibuka dan dikonfirmasi. Tautan berlaku {} jam.", v.email, v.verify_hours),
        (SentKind::Signup, Lang::En) => format!("We sent an email to {} with a link to verify the address. Your account works once the link is opened and confirmed. The link is valid for {} hours.", v.email, v.verify_hours),
        (SentKind::Resend, Lang::Id) => format!("Bila ada akun yang belum diverifikasi dengan alamat {}, kami mengirim tautan verifikasi baru ke sana. Tautan lama tidak berlaku lagi. Tautan baru berlaku {} jam.", v.email, v.verify_hours),
        (SentKind::Resend, Lang::En) => format!("If an unverified account has the address {}, we sent a new verification link there. Older links no longer work. The new link is valid for {} hours.", v.email, v.verify_hours),
    };
    let wait = match l {
        Lang::Id => format!("Tidak menerima email? Periksa folder spam atau promosi. Tautan baru dapat diminta paling sering sekali setiap {} menit.", v.resend_minutes),
        Lang::En => format!("No email? Look in the spam or promotions folder. A new link can be requested at most once every {} minutes.", v.resend_minutes),
    };
    page(
        ctx,
        title,
        html! {
            div.narrow {
                h1 { (title) }
                p.lead { (lead) }
                p { (wait) }
                p.actions {
                    a.button.secondary href="/daftar/kirim-ulang" { (l.t("Minta tautan verifikasi baru", "Ask for a new verification link")) }
                    a href="/login" { (l.t("Ke halaman masuk", "Go to sign in")) }
                }
            }
        },
    )
}

/// The page behind a verification link: one button, so that a mail scanner that opens links
/// does not use the link up, and no other site can sign a visitor in to an account.
pub fn verify_page(ctx: &PageCtx, token: &str, email: &str) -> Markup {
    let l = ctx.lang;
    let title = l.t("Verifikasi email", "Verify your email");
    page(
        ctx,
        title,
        html! {
            div.narrow {
                h1 { (title) }
                p.lead { (l.t("Konfirmasi bahwa alamat email ini milik Anda:", "Confirm that this email address is yours:")) " " strong { (email) } }
                form method="post" action={ "/link/" (token) } {
                    (csrf_input(&ctx.csrf_token))
                    button type="submit" { (l.t("Konfirmasi dan masuk", "Confirm and sign in")) }
                }
            }
        },
    )
}

#[derive(Debug, Clone, Default)]
pub struct ResendView {
    pub email: String,
    pub errors: FormErrors,
}

fn resend_form(l: Lang, csrf: &str, v: &ResendView) -> Markup {
    html! {
        form method="post" action="/daftar/kirim-ulang" novalidate {
            (csrf_input(csrf))
            (text_field(&Field::new("email", l.t("Alamat email akun Anda", "Your account's email address")).kind("email").value(&v.email).autocomplete("email").required(), &v.errors))
            button type="submit" { (l.t("Kirim tautan verifikasi baru", "Send a new verification link")) }
        }
    }
}

/// The form to ask for a new verification link.
pub fn resend_page(ctx: &PageCtx, v: &ResendView) -> Markup {
    let l = ctx.lang;
    let title = l.t("Minta tautan verifikasi baru", "Ask for a new verification link");
    page(
        ctx,
        title,
        html! {
            div.narrow {
                h1 { (title) }
                (error_summary(l, &v.errors))
                p { (l.t(
                    "Masukkan alamat email yang Anda pakai saat mendaftar. Bila akunnya belum diverifikasi, kami mengirim tautan baru.",
                    "Enter the email address you signed up with. If its account is not verified yet, we send a new link."
                )) }
                (resend_form(l, &ctx.csrf_token, v))
            }
        },
    )
}

/// A verification link that was already used, has expired, or is unknown.
pub fn verify_link_invalid_page(ctx: &PageCtx) -> Markup {
    let l = ctx.lang;
    let title = l.t("Tautan verifikasi tidak berlaku", "This verification link does not work");
    page(
        ctx,
        title,
        html! {
            div.narrow {
                h1 { (title) }
                p.lead { (l.t(
                    "Tautan ini sudah dipakai atau sudah kedaluwarsa. Bila email Anda sudah terverifikasi, silakan masuk. Bila belum, minta tautan verifikasi baru di bawah ini.",
                    "This link was already used or has expired. If your email is already verified, please sign in. If not, ask for a new verification link below."
                )) }
                p { a.button href="/login" { (l.t("Masuk", "Sign in")) } }
                h2 { (l.t("Minta tautan baru", "Ask for a new link")) }
                (resend_form(l, &ctx.csrf_token, &ResendView::default()))
            }
        },
    )
}
