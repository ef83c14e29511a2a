# Fixture modules-typed-routes: one local module in the style of the registry's API Gateway v2 modules. Its
# inputs are typed objects with optional() attributes and a map(object(...)) of routes driven by for_each; the
# callers leave most optional attributes out, so their nulls and defaults decide the findings: routes without
# authorization (APIGW-103), an open WebSocket $connect (APIGW-104), VPC-link integrations without TLS
# (APIGW-801, no tls_config given), and quoted numbers and booleans in the stage's route settings.

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

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/modules-typed-routes"
  retention_in_days = 30
}

resource "aws_apigatewayv2_vpc_link" "private" {
  name               = "modules-typed-routes"
  subnet_ids         = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"]
  security_group_ids = ["sg-0c3d4e5f60718293a"]
}

locals {
  orders_listener  = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/orders/50dc6c495c0c9188/0467ef3c8400ae65"
  billing_listener = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/billing/7a8b9c0d1e2f3a4b/5c6d7e8f9a0b1c2d"
  chat_function    = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:chat/invocations"
}

# HTTP API. Routes leave authorization_type out (the module's optional default is "NONE"), except the one
# that asks for IAM. Integrations go through the VPC link; only "PUT /billing" gives a tls_config.
module "orders" {
  source = "./modules/http_api"

  api = {
    name = "orders-http"
  }

  routes = {
    # Tests: authorization_type left out (default "NONE"): APIGW-103; tls_config left out (null): APIGW-801.
    list_orders = {
      route_key = "GET /orders"
      integration = {
        uri             = local.orders_listener
        connection_type = "VPC_LINK"
        connection_id   = aws_apigatewayv2_vpc_link.private.id
      }
    }
    # Tests: IAM authorization given; tls_config left out: APIGW-801 only.
    create_order = {
      route_key          = "POST /orders"
      authorization_type = "AWS_IAM"
      integration = {
        uri             = local.orders_listener
        method          = "POST"
        connection_type = "VPC_LINK"
        connection_id   = aws_apigatewayv2_vpc_link.private.id
      }
    }
    # Tests: IAM authorization and a tls_config with a server name: no finding.
    update_billing = {
      route_key          = "PUT /billing"
      authorization_type = "AWS_IAM"
      integration = {
        uri             = local.billing_listener
        connection_type = "VPC_LINK"
        connection_id   = aws_apigatewayv2_vpc_link.private.id
        tls_config = {
          server_name_to_verify = "billing.internal.example.com"
        }
      }
    }
    # Tests: an empty tls_config object: its server name is an optional attribute left out (null): APIGW-801.
    get_billing = {
      route_key          = "GET /billing"
      authorization_type = "AWS_IAM"
      integration = {
        uri             = local.billing_listener
        connection_type = "VPC_LINK"
        connection_id   = aws_apigatewayv2_vpc_link.private.id
        tls_config      = {}
      }
    }
  }

  # Quoted numbers and booleans, as tfvars and YAML-decoded inputs often give them: converted to the
  # variable's types (throttling set: APIGW-602 passes; detailed metrics on: APIGW-009 passes).
  stage = {
    access_log_destination_arn = aws_cloudwatch_log_group.access.arn
    default_route_settings = {
      throttling_burst_limit   = "100"
      throttling_rate_limit    = "50"
      detailed_metrics_enabled = "true"
    }
  }
}

# WebSocket API. Tests: the $connect route leaves authorization_type out: APIGW-104. The stage's route
# settings give only logging and a quoted data_trace_enabled; the module's defaults fill in throttling (set:
# APIGW-602 passes) and detailed metrics (off: APIGW-009).
module "chat" {
  source = "./modules/http_api"

  api = {
    name                       = "chat"
    protocol_type              = "WEBSOCKET"
    route_selection_expression = "$request.body.action"
  }

  routes = {
    connect = {
      route_key = "$connect"
      integration = {
        type   = "AWS_PROXY"
        uri    = local.chat_function
        method = "POST"
      }
    }
    message = {
      route_key = "sendmessage"
      integration = {
        type   = "AWS_PROXY"
        uri    = local.chat_function
        method = "POST"
      }
    }
  }

  stage = {
    name                       = "live"
    access_log_destination_arn = aws_cloudwatch_log_group.access.arn
    default_route_settings = {
      logging_level      = "INFO"
      data_trace_enabled = "false"
    }
  }
}
