use crate::i18n;
use leptos::prelude::*;

/// Says that a form's answers came back from an earlier visit, with a way to start again.
#[component]
pub fn DraftNotice(
    /// Whether the answers were restored.
    restored: RwSignal<bool>,
    /// Forgets the kept answers and empties the form.
    on_discard: Callback<()>,
) -> impl IntoView {
    move || {
        restored.get().then(|| {
            view! {
                <div class="notice" role="status">
                    <p>{i18n::draft_restored()}</p>
                    <p>
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            on:click=move |_| on_discard.run(())
                        >
                            {i18n::draft_discard()}
                        </button>
                    </p>
                </div>
            }
        })
    }
}
