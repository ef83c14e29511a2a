# Fixture apigw-801-fail: HTTP API private integrations (VPC_LINK) without tls_config.server_name_to_verify: no block, or an empty block (APIGW-801).

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
  name          = "apigw-801-fail"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_vpc_link" "private" {
  name               = "apigw-801-fail"
  subnet_ids         = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"]
  security_group_ids = ["sg-0c3d4e5f60718293a"]
}

# Tests: VPC_LINK integration to an ALB listener with no tls_config.
resource "aws_apigatewayv2_integration" "fail_vpc_link_no_tls_config" {
  api_id             = aws_apigatewayv2_api.http.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.private.id
  integration_uri    = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/orders/50dc6c495c0c9188/0467ef3c8400ae65"
}

# Tests: VPC_LINK integration to a Cloud Map service with an empty tls_config block (no server name).
resource "aws_apigatewayv2_integration" "fail_vpc_link_empty_tls_config" {
  api_id             = aws_apigatewayv2_api.http.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.private.id
  integration_uri    = "arn:aws:servicediscovery:us-east-1:123456789012:service/srv-abcdefghijklmnop"
  tls_config {}
}

# Tests: VPC_LINK integration to an NLB listener with request parameters but no tls_config.
resource "aws_apigatewayv2_integration" "fail_vpc_link_nlb" {
  api_id             = aws_apigatewayv2_api.http.id
  integration_type   = "HTTP_PROXY"
  integration_method = "GET"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.private.id
  integration_uri    = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/billing/7a8b9c0d1e2f3a4b/5c6d7e8f9a0b1c2d"
  request_parameters = {
    "overwrite:path" = "/billing/$request.path.proxy"
  }
}
