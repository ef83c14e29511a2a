# Fixture apigw-101-pass: REST methods that require authorization, plus the OPTIONS and private-API exemptions (APIGW-101 passes).

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

resource "aws_api_gateway_rest_api" "api" {
  name = "apigw-101-pass"
}

resource "aws_api_gateway_resource" "orders" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "orders"
}

resource "aws_api_gateway_resource" "reports" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "reports"
}

resource "aws_api_gateway_resource" "admin" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "admin"
}

# Lambda REQUEST authorizer (function managed elsewhere; literal ARNs).
resource "aws_api_gateway_authorizer" "lambda" {
  name                   = "lambda-request"
  rest_api_id            = aws_api_gateway_rest_api.api.id
  type                   = "REQUEST"
  authorizer_uri         = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:authorizer/invocations"
  identity_source        = "method.request.header.Authorization"
  authorizer_credentials = "arn:aws:iam::123456789012:role/apigw-authorizer-invoke"
}

# Cognito user pool authorizer (user pool managed elsewhere; literal ARN).
resource "aws_api_gateway_authorizer" "cognito" {
  name          = "cognito"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI"]
}

# Tests: authorization = "AWS_IAM".
resource "aws_api_gateway_method" "pass_aws_iam" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

# Tests: authorization = "CUSTOM" with a Lambda REQUEST authorizer.
resource "aws_api_gateway_method" "pass_custom_authorizer" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "POST"
  authorization = "CUSTOM"
  authorizer_id = aws_api_gateway_authorizer.lambda.id
}

# Tests: authorization = "COGNITO_USER_POOLS" with scopes.
resource "aws_api_gateway_method" "pass_cognito" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_resource.reports.id
  http_method          = "GET"
  authorization        = "COGNITO_USER_POOLS"
  authorizer_id        = aws_api_gateway_authorizer.cognito.id
  authorization_scopes = ["reports/read"]
}

# Tests: OPTIONS (CORS preflight) with authorization = "NONE" is exempt.
resource "aws_api_gateway_method" "pass_options_preflight" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "OPTIONS"
  authorization = "NONE"
}

# PRIVATE API whose inline resource policy denies callers outside one VPC endpoint (Deny + StringNotEquals aws:SourceVpce).
resource "aws_api_gateway_rest_api" "private_vpce" {
  name = "apigw-101-pass-private-vpce"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0a1b2c3d4e5f60718"]
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f60718" } }
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      },
    ]
  })
}

# Tests: NONE on a PRIVATE API whose resource policy restricts callers by aws:SourceVpce is exempt.
resource "aws_api_gateway_method" "pass_private_api_vpce_policy" {
  rest_api_id   = aws_api_gateway_rest_api.private_vpce.id
  resource_id   = aws_api_gateway_rest_api.private_vpce.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}

# PRIVATE API whose policy (separate aws_api_gateway_rest_api_policy) allows only callers from one VPC (Allow + StringEquals aws:SourceVpc).
resource "aws_api_gateway_rest_api" "private_vpc" {
  name = "apigw-101-pass-private-vpc"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_rest_api_policy" "private_vpc" {
  rest_api_id = aws_api_gateway_rest_api.private_vpc.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { StringEquals = { "aws:SourceVpc" = "vpc-0123456789abcdef0" } }
      },
    ]
  })
}

# Tests: NONE on a PRIVATE API whose aws_api_gateway_rest_api_policy restricts callers by aws:SourceVpc is exempt.
resource "aws_api_gateway_method" "pass_private_api_vpc_policy_resource" {
  rest_api_id   = aws_api_gateway_rest_api.private_vpc.id
  resource_id   = aws_api_gateway_rest_api.private_vpc.root_resource_id
  http_method   = "POST"
  authorization = "NONE"
}
