# A break-glass role whose trust policy and session length, and a break-glass policy whose document, are known only after apply.

resource "terraform_data" "settings" {
  input = { trust = "{}", hours = 3600, doc = "{}" }
}

resource "aws_iam_role" "break_glass" {
  name                 = "break-glass-later"
  assume_role_policy   = terraform_data.settings.output.trust
  max_session_duration = terraform_data.settings.output.hours
}

resource "aws_iam_policy" "break_glass" {
  name   = "break-glass-later"
  policy = terraform_data.settings.output.doc
}
