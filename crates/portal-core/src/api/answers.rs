//! The application's typed answers, by name.

use super::QualificationRequest;

/// A typed answer of the application, by name: the form, the check page, the review page
/// and the drafts reach each answer through this, so a field is added in one compile-checked
/// place (here and in the request) instead of by string in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextAnswer {
    ContactName,
    ContactMobile,
    Email,
    SoftwareName,
    SoftwareFunction,
    Cif,
    ItName,
    ItMobile,
    ItEmail,
    ItTeamSize,
    MarketPlanning,
    ServerConfig,
    ServerBandwidth,
    DevLanguage,
    Database,
}

impl TextAnswer {
    pub const ALL: [TextAnswer; 15] = [
        Self::ContactName,
        Self::ContactMobile,
        Self::Email,
        Self::SoftwareName,
        Self::SoftwareFunction,
        Self::Cif,
        Self::ItName,
        Self::ItMobile,
        Self::ItEmail,
        Self::ItTeamSize,
        Self::MarketPlanning,
        Self::ServerConfig,
        Self::ServerBandwidth,
        Self::DevLanguage,
        Self::Database,
    ];

    /// The IT person's answers and the contact answers they copy when the IT person is
    /// the contact.
    pub const SAME_AS_CONTACT: [(TextAnswer, TextAnswer); 3] = [
        (Self::ItName, Self::ContactName),
        (Self::ItMobile, Self::ContactMobile),
        (Self::ItEmail, Self::Email),
    ];

    /// Its name in the API's JSON and in field errors (one of [`QualificationRequest::FIELDS`]).
    pub fn name(self) -> &'static str {
        match self {
            Self::ContactName => "contact_name",
            Self::ContactMobile => "contact_mobile",
            Self::Email => "email",
            Self::SoftwareName => "software_name",
            Self::SoftwareFunction => "software_function",
            Self::Cif => "cif",
            Self::ItName => "it_name",
            Self::ItMobile => "it_mobile",
            Self::ItEmail => "it_email",
            Self::ItTeamSize => "it_team_size",
            Self::MarketPlanning => "market_planning",
            Self::ServerConfig => "server_config",
            Self::ServerBandwidth => "server_bandwidth",
            Self::DevLanguage => "dev_language",
            Self::Database => "database",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.name() == name)
    }
}

impl QualificationRequest {
    pub fn text(&self, answer: TextAnswer) -> &str {
        match answer {
            TextAnswer::ContactName => &self.contact_name,
            TextAnswer::ContactMobile => &self.contact_mobile,
            TextAnswer::Email => &self.email,
            TextAnswer::SoftwareName => &self.software_name,
            TextAnswer::SoftwareFunction => &self.software_function,
            TextAnswer::Cif => &self.cif,
            TextAnswer::ItName => &self.it_name,
            TextAnswer::ItMobile => &self.it_mobile,
            TextAnswer::ItEmail => &self.it_email,
            TextAnswer::ItTeamSize => &self.it_team_size,
            TextAnswer::MarketPlanning => &self.market_planning,
            TextAnswer::ServerConfig => &self.server_config,
            TextAnswer::ServerBandwidth => &self.server_bandwidth,
            TextAnswer::DevLanguage => &self.dev_language,
            TextAnswer::Database => &self.database,
        }
    }

    pub fn text_mut(&mut self, answer: TextAnswer) -> &mut String {
        match answer {
            TextAnswer::ContactName => &mut self.contact_name,
            TextAnswer::ContactMobile => &mut self.contact_mobile,
            TextAnswer::Email => &mut self.email,
            TextAnswer::SoftwareName => &mut self.software_name,
            TextAnswer::SoftwareFunction => &mut self.software_function,
            TextAnswer::Cif => &mut self.cif,
            TextAnswer::ItName => &mut self.it_name,
            TextAnswer::ItMobile => &mut self.it_mobile,
            TextAnswer::ItEmail => &mut self.it_email,
            TextAnswer::ItTeamSize => &mut self.it_team_size,
            TextAnswer::MarketPlanning => &mut self.market_planning,
            TextAnswer::ServerConfig => &mut self.server_config,
            TextAnswer::ServerBandwidth => &mut self.server_bandwidth,
            TextAnswer::DevLanguage => &mut self.dev_language,
            TextAnswer::Database => &mut self.database,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Form;

    #[test]
    fn each_text_answer_is_the_request_field_of_its_name() {
        let mut req = QualificationRequest::default();
        for answer in TextAnswer::ALL {
            *req.text_mut(answer) = format!("value of {}", answer.name());
        }
        let json = serde_json::to_value(&req).unwrap();
        for answer in TextAnswer::ALL {
            assert_eq!(json[answer.name()], format!("value of {}", answer.name()));
            assert_eq!(req.text(answer), format!("value of {}", answer.name()));
            assert_eq!(TextAnswer::from_name(answer.name()), Some(answer));
        }
        // Every field of the form is a text answer, the upload or the confirmation.
        let mut names: Vec<&str> = TextAnswer::ALL.iter().map(|a| a.name()).collect();
        names.extend(["licence_id", "agreement_confirmed"]);
        let mut fields = QualificationRequest::FIELDS.to_vec();
        names.sort_unstable();
        fields.sort_unstable();
        assert_eq!(names, fields);
    }
}
