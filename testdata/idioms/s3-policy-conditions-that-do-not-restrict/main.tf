# Bucket policies assembled with aws_iam_policy_document and
# source_policy_documents: a TLS-only deny merged with a read statement whose
# only condition is aws:SecureTransport, one whose condition is aws:Referer,
# and one pinned to a VPC endpoint.

variable "vpce_id" {
  type    = string
  default = "vpce-0a1b2c3d4e5f60718"
}

locals {
  sites = toset(["docs", "brochure", "intranet"])
}

resource "aws_s3_bucket" "site" {
  for_each = local.sites
  bucket   = "northwind-${each.key}-content"
}

data "aws_iam_policy_document" "tls_only" {
  for_each = local.sites

  statement {
    sid       = "DenyPlainHttp"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.site[each.key].arn, "${aws_s3_bucket.site[each.key].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

data "aws_iam_policy_document" "read_docs" {
  statement {
    sid       = "ReadOverTls"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.site["docs"].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }
  }
}

data "aws_iam_policy_document" "read_brochure" {
  statement {
    sid       = "ReadFromOurSite"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.site["brochure"].arn}/*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringLike"
      variable = "aws:Referer"
      values   = ["https://www.northwind.example/*"]
    }
  }
}

data "aws_iam_policy_document" "read_intranet" {
  statement {
    sid       = "ReadThroughEndpoint"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [aws_s3_bucket.site["intranet"].arn, "${aws_s3_bucket.site["intranet"].arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpce"
      values   = [var.vpce_id]
    }
  }
}

locals {
  read_statements = {
    docs     = data.aws_iam_policy_document.read_docs.json
    brochure = data.aws_iam_policy_document.read_brochure.json
    intranet = data.aws_iam_policy_document.read_intranet.json
  }
}

data "aws_iam_policy_document" "combined" {
  for_each = local.sites

  source_policy_documents = [
    data.aws_iam_policy_document.tls_only[each.key].json,
    local.read_statements[each.key],
  ]
}

resource "aws_s3_bucket_policy" "site" {
  for_each = local.sites

  bucket = aws_s3_bucket.site[each.key].id
  policy = data.aws_iam_policy_document.combined[each.key].json
}
