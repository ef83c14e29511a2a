# Fixture apigw-203-pass: Only PRIVATE REST APIs: no endpoint exposure notice (APIGW-203 reports nothing).

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

# Tests: a PRIVATE API reachable through VPC endpoints (the endpoint IDs are known).
resource "aws_api_gateway_rest_api" "pass_private_with_vpc_endpoints" {
  name = "apigw-203-pass-private-vpce"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0a1b2c3d4e5f60718"]
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f60718" } }
      },
    ]
  })
}

# Tests: a PRIVATE API without endpoint associations.
resource "aws_api_gateway_rest_api" "pass_private" {
  name = "apigw-203-pass-private"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}
