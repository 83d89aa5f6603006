use super::use_client;
use crate::i18n;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Shows an uploaded licence. The API needs the bearer token, so the image is fetched
/// and shown through an object URL rather than a plain `src`.
#[component]
pub fn LicenceImage(
    /// The upload's id.
    id: String,
    /// Its content type.
    content_type: String,
) -> impl IntoView {
    let (client, on_error) = use_client();
    let url = LocalResource::new(move || {
        let (client, id, content_type) = (client(), id.clone(), content_type.clone());
        async move {
            let bytes = client?.licence_image(&id).await.map_err(|e| on_error(&e)).ok()?;
            object_url(&bytes, &content_type)
        }
    });
    on_cleanup(move || {
        if let Some(Some(u)) = url.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&u);
        }
    });
    move || {
        url.get()
            .flatten()
            .map(|src| view! { <img class="licence-preview" src=src alt=i18n::licence_preview() /> })
    }
}

fn object_url(bytes: &[u8], content_type: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&JsValue::from(parts), &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
