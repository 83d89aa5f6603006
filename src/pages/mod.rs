//! One component per page of the journey.

pub mod agreement;
pub mod developer;
pub mod home;
pub mod not_found;
pub mod sign_in;

pub use agreement::AgreementPage;
pub use developer::DeveloperPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use sign_in::SignInPage;
