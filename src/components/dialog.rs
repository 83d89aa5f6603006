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
        <dialog class="dialog" node_ref=node aria-labelledby=labelled_by on:close=move |_| open.set(false)>
            {move || open.get().then(|| children())}
        </dialog>
    }
}
