# Fixture apigw-203-fail: EDGE, REGIONAL and unset (EDGE by default) endpoint types each get the info exposure notice (APIGW-203, exit 0).

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

# Tests: endpoint type EDGE written out.
resource "aws_api_gateway_rest_api" "fail_edge_explicit" {
  name = "apigw-203-fail-edge"
  endpoint_configuration {
    types = ["EDGE"]
  }
}

# Tests: endpoint type REGIONAL.
resource "aws_api_gateway_rest_api" "fail_regional" {
  name = "apigw-203-fail-regional"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# Tests: no endpoint_configuration: AWS creates an EDGE API.
resource "aws_api_gateway_rest_api" "fail_endpoint_unset_defaults_to_edge" {
  name = "apigw-203-fail-unset"
}

# Control: a PRIVATE API gets no notice.
resource "aws_api_gateway_rest_api" "pass_private" {
  name = "apigw-203-fail-private-control"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

# Not covered: an endpoint type unknown until apply (types = [terraform_data.x.output]) crashes the AWS
# provider 5.100.0 at plan time (index out of range in endpointConfigurationPlantimeValidate), so no such
# plan can exist.
