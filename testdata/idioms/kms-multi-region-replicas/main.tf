# A multi-Region primary key and replicas of it, all through the same
# module: one replica is created disabled with a 7-day deletion window.

module "primary" {
  source = "./modules/kms"

  description             = "Global tables primary"
  multi_region            = true
  deletion_window_in_days = 30
}

module "replica_dr" {
  source = "./modules/kms"

  create_replica  = true
  description     = "Global tables DR replica"
  primary_key_arn = module.primary.key_arn
}

module "replica_staging" {
  source = "./modules/kms"

  create_replica          = true
  description             = "Global tables staging replica"
  primary_key_arn         = module.primary.key_arn
  is_enabled              = false
  deletion_window_in_days = 7
}
