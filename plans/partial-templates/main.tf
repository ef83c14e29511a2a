# Fixture partial-templates: strings built from a known literal and values known only after apply
# (APIGW-106, APIGW-107, APIGW-402, APIGW-802): the literal part, or the ARN attribute referenced, decides.

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

resource "aws_vpc" "backend" {
  cidr_block = "10.30.0.0/16"
}

resource "aws_subnet" "backend" {
  vpc_id     = aws_vpc.backend.id
  cidr_block = "10.30.1.0/24"
}

resource "aws_lb" "backend" {
  name_prefix        = "orders"
  internal           = true
  load_balancer_type = "network"
  subnets            = [aws_subnet.backend.id]
}

resource "aws_lb_target_group" "backend" {
  name_prefix = "orders"
  port        = 443
  protocol    = "TCP"
  vpc_id      = aws_vpc.backend.id
}

resource "aws_lb_listener" "backend" {
  load_balancer_arn = aws_lb.backend.arn
  port              = 443
  protocol          = "TCP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.backend.arn
  }
}

resource "aws_apigatewayv2_vpc_link" "backend" {
  name               = "partial-templates-backend"
  subnet_ids         = [aws_subnet.backend.id]
  security_group_ids = []
}

resource "aws_cognito_user_pool" "users" {
  name = "partial-templates-users"
}

resource "aws_cognito_user_pool_client" "web" {
  name         = "web"
  user_pool_id = aws_cognito_user_pool.users.id
}

resource "aws_apigatewayv2_api" "orders" {
  name          = "partial-templates-orders"
  protocol_type = "HTTP"
}

# Tests: JWT issuer "https://${endpoint}": the scheme is known, so APIGW-106 passes.
resource "aws_apigatewayv2_authorizer" "pass_issuer_https_template" {
  api_id           = aws_apigatewayv2_api.orders.id
  name             = "cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "https://${aws_cognito_user_pool.users.endpoint}"
    audience = [aws_cognito_user_pool_client.web.id]
  }
}

# Tests: integration uri is an aws_lb_listener ARN (an ARN by its schema, never http://): APIGW-802 passes.
resource "aws_apigatewayv2_integration" "pass_listener_arn" {
  api_id             = aws_apigatewayv2_api.orders.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = aws_lb_listener.backend.arn
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.backend.id
}

resource "aws_api_gateway_rest_api" "legacy" {
  name = "partial-templates-legacy"
}

resource "aws_api_gateway_resource" "orders" {
  rest_api_id = aws_api_gateway_rest_api.legacy.id
  parent_id   = aws_api_gateway_rest_api.legacy.root_resource_id
  path_part   = "orders"
}

resource "aws_api_gateway_method" "orders_get" {
  rest_api_id   = aws_api_gateway_rest_api.legacy.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_method" "orders_post" {
  rest_api_id   = aws_api_gateway_rest_api.legacy.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "POST"
  authorization = "AWS_IAM"
}

# Tests: uri "https://${dns_name}/orders": known scheme, APIGW-802 passes.
resource "aws_api_gateway_integration" "pass_https_template" {
  rest_api_id             = aws_api_gateway_rest_api.legacy.id
  resource_id             = aws_api_gateway_resource.orders.id
  http_method             = aws_api_gateway_method.orders_get.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = "https://${aws_lb.backend.dns_name}/orders"
}

# Tests: uri "http://${dns_name}/orders": known plain-HTTP scheme, APIGW-802 fails although the host is unknown.
resource "aws_api_gateway_integration" "fail_http_template" {
  rest_api_id             = aws_api_gateway_rest_api.legacy.id
  resource_id             = aws_api_gateway_resource.orders.id
  http_method             = aws_api_gateway_method.orders_post.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "POST"
  uri                     = "http://${aws_lb.backend.dns_name}/orders"
}

resource "aws_api_gateway_deployment" "legacy" {
  rest_api_id = aws_api_gateway_rest_api.legacy.id
  depends_on  = [aws_api_gateway_integration.pass_https_template, aws_api_gateway_integration.fail_http_template]
}

# Tests: source_arn "${execution_arn}/*/*" names exactly one API: APIGW-107 passes.
resource "aws_lambda_permission" "pass_execution_arn_suffix" {
  statement_id  = "api"
  action        = "lambda:InvokeFunction"
  function_name = "partial-templates-orders"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.legacy.execution_arn}/*/*"
}

# Tests: a deployment's execution_arn with a literal suffix names one API too: APIGW-107 passes.
resource "aws_lambda_permission" "pass_deployment_execution_arn" {
  statement_id  = "deployment"
  action        = "lambda:InvokeFunction"
  function_name = "partial-templates-orders"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_deployment.legacy.execution_arn}*/POST/orders"
}

resource "aws_s3_bucket" "truststore" {
  bucket_prefix = "partial-templates-truststore-"
}

resource "aws_acm_certificate" "api" {
  domain_name       = "api.example.com"
  validation_method = "DNS"
}

# Tests: truststore_uri "s3://${bucket}/${key}" is set whatever the parts: APIGW-402 passes.
resource "aws_api_gateway_domain_name" "pass_truststore_template" {
  domain_name              = "api.example.com"
  regional_certificate_arn = aws_acm_certificate.api.arn
  security_policy          = "TLS_1_2"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  mutual_tls_authentication {
    truststore_uri = "s3://${aws_s3_bucket.truststore.bucket}/${var.truststore_key}"
  }
}

variable "truststore_key" {
  type    = string
  default = "truststore.pem"
}
