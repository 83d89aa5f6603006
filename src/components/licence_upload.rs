use super::{
    form_errors::{error_line, message_for, FormErrors},
    use_client, LicenceImage,
};
use crate::{api::ApiError, draft::QualificationDraft, format, i18n};
use leptos::{prelude::*, task::spawn_local};
use portal_core::{form::field_error, rules, FieldError};
use wasm_bindgen::JsCast;

const FIELD: &str = "licence_id";

/// The business licence: choose or drop an image; it is checked here (size, then type by
/// its first bytes), uploaded at once, previewed, and can be replaced or removed.
#[component]
pub fn LicenceUpload(
    /// The application being written.
    draft: QualificationDraft,
    /// The application form.
    form: FormErrors,
    /// The form's currently shown errors.
    errors: Memo<Vec<FieldError>>,
) -> impl IntoView {
    let (client, on_error) = use_client();
    let uploading = RwSignal::new(false);
    // A refused file is reported at once, not only when the form is submitted.
    let problem = RwSignal::new(None::<String>);
    let error = Memo::new(move |_| problem.get().or_else(|| message_for(&errors.read(), FIELD)));
    let dragging = RwSignal::new(false);
    let licence = draft.licence;

    let take = move |file: web_sys::File| {
        problem.set(None);
        if let Err(e) = rules::licence_size(file.size() as u64) {
            problem.set(Some(i18n::field_message(&field_error(FIELD, &e))));
            return;
        }
        let Some(client) = client() else { return };
        uploading.set(true);
        spawn_local(async move {
            let outcome = match read(&file).await {
                None => Err(i18n::api_error(&ApiError::BadResponse)),
                Some(bytes) => match rules::licence(&bytes) {
                    Err(e) => Err(i18n::field_message(&field_error(FIELD, &e))),
                    Ok(_) => client.upload_licence(&bytes, &file.name()).await.map_err(|e| {
                        on_error(&e);
                        match e {
                            ApiError::Validation(fields) if !fields.is_empty() => {
                                i18n::field_message(&fields[0])
                            }
                            other => i18n::api_error(&other),
                        }
                    }),
                },
            };
            match outcome {
                Ok(info) => {
                    licence.set(Some(info));
                    form.edited(FIELD);
                }
                Err(message) => problem.set(Some(message)),
            }
            uploading.set(false);
        });
    };

    let on_change = {
        let take = take.clone();
        move |ev: leptos::ev::Event| {
            let input: web_sys::HtmlInputElement = event_target(&ev);
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                take(file);
            }
            // Choosing the same file again must fire another change.
            input.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            take(file);
        }
    };
    let hint = i18n::field_hint(FIELD).unwrap_or_default();

    view! {
        <div class="field" class:field--error=move || error.read().is_some()>
            <label class="field__label" for=FIELD>{i18n::field_label(FIELD)}</label>
            <p class="field__hint" id="licence_id-hint">{hint}</p>
            {error_line("licence_id-error".to_owned(), error)}
            {move || licence.get().map(|info| {
                let size = format::file_size(info.size);
                view! {
                    <div class="upload__done">
                        <LicenceImage id=info.id.clone() content_type=info.content_type.clone() />
                        <p class="upload__name">{info.file_name.clone()}" ("{size}")"</p>
                        <button type="button" class="button button--secondary button--small" on:click=move |_| {
                            licence.set(None);
                            problem.set(None);
                        }>{i18n::remove_file()}</button>
                    </div>
                }
            })}
            <div
                class="upload"
                class:upload--dragging=move || dragging.get()
                on:dragover=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <input
                    class="upload__input"
                    type="file"
                    id=FIELD
                    name=FIELD
                    accept="image/png,image/jpeg"
                    aria-describedby=move || if error.read().is_some() { "licence_id-hint licence_id-error" } else { "licence_id-hint" }
                    on:change=on_change
                />
                <span class="upload__drop">
                    {move || if uploading.get() {
                        i18n::uploading()
                    } else if licence.read().is_some() {
                        i18n::replace_file()
                    } else {
                        i18n::drop_file()
                    }}
                </span>
            </div>
            // Told to screen readers as it happens: uploading, then uploaded.
            <p class="visually-hidden" role="status" id="licence_id-status">
                {move || if uploading.get() {
                    i18n::uploading().to_owned()
                } else {
                    licence.read().as_ref().map(|info| i18n::uploaded(&info.file_name)).unwrap_or_default()
                }}
            </p>
        </div>
    }
}

/// The file's bytes (at most 2 MB, already checked).
async fn read(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    let buffer: js_sys::ArrayBuffer = buffer.dyn_into().ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}
