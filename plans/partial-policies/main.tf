# Fixture partial-policies: resource policies known but for interpolated values (the API's execution ARN, a VPC
# endpoint ID, an Elastic IP), written with jsonencode and as heredoc JSON as the AWS documentation does
# (APIGW-301, APIGW-302, APIGW-303, APIGW-304, APIGW-305). The plan knows none of these policies; the source
# knows everything but the interpolated values.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

# Offline provider: fixture plans are generated with -refresh=false and mock credentials; only
# resources that need no AWS API call at plan time are used.
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "mock_access_key"
  secret_key                  = "mock_secret_key"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

resource "aws_vpc" "private" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_vpc_endpoint" "execute_api" {
  vpc_id            = aws_vpc.private.id
  service_name      = "com.amazonaws.us-east-1.execute-api"
  vpc_endpoint_type = "Interface"
}

resource "aws_eip" "office" {
  domain = "vpc"
}

# Tests: private API, jsonencode policy whose Resource and aws:SourceVpce value are unknown: the statement is
# conditioned on a VPC endpoint whatever the value, so APIGW-305 and APIGW-301 pass.
resource "aws_api_gateway_rest_api" "pass_private_jsonencode" {
  name = "partial-policies-private-jsonencode"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_rest_api_policy" "pass_private_jsonencode" {
  rest_api_id = aws_api_gateway_rest_api.pass_private_jsonencode.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "${aws_api_gateway_rest_api.pass_private_jsonencode.execution_arn}/*"
      Condition = { StringEquals = { "aws:SourceVpce" = aws_vpc_endpoint.execute_api.id } }
    }]
  })
}

# Tests: private API, the AWS documentation's heredoc policy (Deny unless the VPC endpoint, then Allow
# everyone) with the endpoint ID and execution ARN interpolated: APIGW-301 and APIGW-305 pass.
resource "aws_api_gateway_rest_api" "pass_private_heredoc" {
  name = "partial-policies-private-heredoc"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Deny",
          "Principal": "*",
          "Action": "execute-api:Invoke",
          "Resource": "execute-api:/*",
          "Condition": {"StringNotEquals": {"aws:SourceVpce": "${aws_vpc_endpoint.execute_api.id}"}}
        },
        {
          "Effect": "Allow",
          "Principal": "*",
          "Action": "execute-api:Invoke",
          "Resource": "execute-api:/*"
        }
      ]
    }
  EOT
}

# Tests: heredoc policy open to everyone, unknown only in its Resource: APIGW-301 and APIGW-302 fail (Principal
# "*", no Condition, Action execute-api:*) with the ARN known only after apply.
resource "aws_api_gateway_rest_api" "fail_open_heredoc" {
  name = "partial-policies-open-heredoc"
}

resource "aws_api_gateway_rest_api_policy" "fail_open_heredoc" {
  rest_api_id = aws_api_gateway_rest_api.fail_open_heredoc.id
  policy      = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": "*",
        "Action": "execute-api:*",
        "Resource": "${aws_api_gateway_rest_api.fail_open_heredoc.execution_arn}/*"
      }]
    }
  EOT
}

# Tests: private API whose policy names an unknown source IP but no VPC condition: APIGW-305 fails (the known
# part decides); APIGW-303 is unverifiable (the unknown IP could be 0.0.0.0/0).
resource "aws_api_gateway_rest_api" "fail_private_ip_only" {
  name = "partial-policies-private-ip-only"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
      Condition = { IpAddress = { "aws:SourceIp" = [aws_eip.office.public_ip] } }
    }]
  })
}

# Tests: a policy whose Principal is interpolated as a whole value stays unknown: it could be "*" (APIGW-301
# unverifiable, like every policy rule).
resource "aws_api_gateway_rest_api" "unknown_principal" {
  name = "partial-policies-unknown-principal"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = aws_eip.office.public_ip }
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
    }]
  })
}
