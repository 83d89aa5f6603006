use leptos::{html, prelude::*};

/// A modal dialog on the native `<dialog>` element, which keeps focus inside it and
/// closes on Escape.
#[component]
pub fn Dialog(
    /// Whether the dialog is open; set to false when the person closes it.
    open: RwSignal<bool>,
    /// The id of the dialog's heading.
    labelled_by: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let Some(dialog) = node.get() else { return };
        if open.get() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    view! {
        // A `close` event is queued when Escape closes the dialog: if the dialog was opened
        // again before it ran (Escape, then Enter on the button at once), it is stale.
        <dialog
            class="dialog"
            node_ref=node
            aria-labelledby=labelled_by
            on:close=move |_| {
                if !node.get().is_some_and(|dialog| dialog.open()) {
                    open.set(false);
                }
            }
        >
            {move || open.get().then(|| children())}
        </dialog>
    }
}
