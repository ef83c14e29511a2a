# Fixture apigw-502-fail: REST and HTTP stages whose secret-looking stage variables hold known values: literals, a root variable and a sensitive root variable (APIGW-502); and stages whose whole variables map is known only after apply (unverifiable). Values must never be printed.

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

# Minimal deployable REST API shared by the stages below.
resource "aws_api_gateway_rest_api" "api" {
  name = "apigw-502-fail"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_rest_api.api.root_resource_id
  http_method = aws_api_gateway_method.get.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.get.id, aws_api_gateway_integration.get.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# An HTTP API for the v2 stages below.
resource "aws_apigatewayv2_api" "http" {
  name          = "apigw-502-fail-http"
  protocol_type = "HTTP"
}

# Secrets: recognisable so tests can assert they never appear in any output.
variable "partner_api_key" {
  description = "Partner key handed to the backend (a plain, known root variable)."
  type        = string
  default     = "DO-NOT-PRINT-502-partner-api-key"
}

variable "auth_token" {
  description = "Backend token (sensitive, known at plan time)."
  type        = string
  sensitive   = true
  default     = "DO-NOT-PRINT-502-auth-token"
}

# Tests: literal password next to a harmless variable.
resource "aws_api_gateway_stage" "fail_password_literal" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "password"
  variables = {
    backend_host = "orders.internal.example.com"
    db_password  = "DO-NOT-PRINT-502-db-password"
  }
}

# Tests: key "partnerApiKey" (api key, mixed case) from a known root variable.
resource "aws_api_gateway_stage" "fail_api_key_from_root_variable" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "apikey"
  variables = {
    partnerApiKey = var.partner_api_key
  }
}

# Tests: key "auth_token" from a sensitive root variable (known but masked in the plan).
resource "aws_api_gateway_stage" "fail_token_from_sensitive_variable" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "token"
  variables = {
    auth_token = var.auth_token
  }
}

# Tests: keys "signing_private_key" and "Credentials" with literal values.
resource "aws_api_gateway_stage" "fail_private_key_and_credential" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "keys"
  variables = {
    signing_private_key = "DO-NOT-PRINT-502-private-key"
    Credentials         = "DO-NOT-PRINT-502-credentials"
  }
}

# Tests: HTTP API stage variable "clientSecret" with a literal value.
resource "aws_apigatewayv2_stage" "fail_http_client_secret" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "secret"
  stage_variables = {
    clientSecret = "DO-NOT-PRINT-502-client-secret"
  }
}

# A value known only after apply makes the AWS provider plan the whole variables map as unknown, and
# Terraform's configuration records only the map's references (no constant_value): a literal secret next to
# it is in neither after nor configuration. So a stage whose whole map is unknown is unverifiable.

# Values generated at apply time (the IDs are random), never written into configuration.
resource "terraform_data" "db_password" {}

resource "terraform_data" "client_secret" {}

# Tests: a secret-looking key from another resource beside a literal secret: the plan knows neither.
resource "aws_api_gateway_stage" "unknown_map_hides_literal" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "generated"
  variables = {
    db_password = terraform_data.db_password.id
    api_key     = "DO-NOT-PRINT-502-hidden-literal"
  }
}

# Tests: HTTP API stage variable "clientSecret" from another resource: the whole map is unknown.
resource "aws_apigatewayv2_stage" "unknown_http_map" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "generated"
  stage_variables = {
    clientSecret = terraform_data.client_secret.id
  }
}
