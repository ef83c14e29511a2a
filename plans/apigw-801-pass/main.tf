# Fixture apigw-801-pass: HTTP API private integrations (VPC_LINK) that verify the backend server name; public and Lambda integrations are not judged (APIGW-801 passes).

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

resource "aws_apigatewayv2_api" "http" {
  name          = "apigw-801-pass"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_vpc_link" "private" {
  name               = "apigw-801-pass"
  subnet_ids         = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"]
  security_group_ids = ["sg-0c3d4e5f60718293a"]
}

# Tests: VPC_LINK integration to an ALB listener with tls_config.server_name_to_verify.
resource "aws_apigatewayv2_integration" "pass_vpc_link_tls" {
  api_id             = aws_apigatewayv2_api.http.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.private.id
  integration_uri    = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/orders/50dc6c495c0c9188/0467ef3c8400ae65"
  tls_config {
    server_name_to_verify = "orders.internal.example.com"
  }
}

# A server name only known after apply (e.g. from another stack's output).
resource "terraform_data" "server_name" {
  input = "billing.internal.example.com"
}

# Tests: server_name_to_verify unknown until apply but set by reference to a managed resource (presence
# rule: passes).
resource "aws_apigatewayv2_integration" "pass_vpc_link_tls_reference" {
  api_id             = aws_apigatewayv2_api.http.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.private.id
  integration_uri    = "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-abcdefghijklmnop"
  tls_config {
    server_name_to_verify = terraform_data.server_name.output
  }
}

# Tests (control): a public HTTP_PROXY integration (connection_type INTERNET) is not a subject.
resource "aws_apigatewayv2_integration" "pass_internet_not_judged" {
  api_id             = aws_apigatewayv2_api.http.id
  integration_type   = "HTTP_PROXY"
  integration_method = "GET"
  connection_type    = "INTERNET"
  integration_uri    = "https://status.example.com/health"
}

# Tests (control): a Lambda proxy integration without connection_type is not a subject.
resource "aws_apigatewayv2_integration" "pass_lambda_not_judged" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = "arn:aws:lambda:us-east-1:123456789012:function:orders"
  payload_format_version = "2.0"
}
