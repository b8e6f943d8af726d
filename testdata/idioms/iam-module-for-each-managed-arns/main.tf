# Roles from the assumable-role module called with for_each; each role's
# AWS-managed policies are a list the module attaches with
# for_each = toset(var.managed_policy_arns).

locals {
  roles = {
    ci-deployer = [
      "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser",
      "arn:aws:iam::aws:policy/AdministratorAccess",
    ]
    reporting = [
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
      "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    ]
    support = [
      "arn:aws:iam::aws:policy/AWSSupportAccess",
    ]
  }
}

module "role" {
  source   = "./modules/iam-assumable-role"
  for_each = local.roles

  role_name           = each.key
  trusted_role_arns   = ["arn:aws:iam::222233334444:root"]
  managed_policy_arns = each.value
}
