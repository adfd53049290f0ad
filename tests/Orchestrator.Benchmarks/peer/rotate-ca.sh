#!/usr/bin/env bash
# The CA rotation as an operator does it by hand, following the operator's "Update TLS Secret" page: make the new
# CA with openssl as utils/tls.sh create-ca-keypair does, then for each phase and each region in turn, kubectl apply
# the Secret's new version and kubectl rollout status every StatefulSet of the cluster in that region. A careful
# operator's way, and nothing more: no check that the operator has acted or that the pods were really replaced.
#
# Usage: rotate-ca.sh KUBECONFIG NAMESPACE SECRET CLUSTER ALIAS REGION...
set -euo pipefail

kubeconfig=$1 namespace=$2 secret=$3 cluster=$4 alias=$5
shift 5
regions=("$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

k() {
  local context=$1
  shift
  kubectl --kubeconfig "$kubeconfig" --cache-dir "$work/cache" --context "$context" --namespace "$namespace" "$@"
}

say() { printf '%s %s\n' "$(date -u +%H:%M:%S.%3N)" "$*" >&2; }

# Step 1: the new CA keypair: RSA 4096, SHA-256, 3650 days, self-signed, subject O=<alias>.
say "generate-ca $alias"
openssl req -x509 -newkey rsa:4096 -nodes -sha256 -days 3650 -subj "/O=$alias" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$work/new_key.pem" -out "$work/new_crt.pem" 2>/dev/null

# The current CA, as the Secret holds it (every region runs on the same one).
k "${regions[0]}" get secret "$secret" -o jsonpath='{.data.ca\.crt}' | base64 -d >"$work/old_crt.pem"
k "${regions[0]}" get secret "$secret" -o jsonpath='{.data.ca\.key}' | base64 -d >"$work/old_key.pem"

# apply REGION CA_CRT CA_KEY [CA2_CRT]
apply() {
  local region=$1
  {
    printf 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: %s\n  namespace: %s\ntype: Opaque\ndata:\n' "$secret" "$namespace"
    printf '  ca.crt: %s\n  ca.key: %s\n' "$(base64 -w0 "$2")" "$(base64 -w0 "$3")"
    if [ $# -ge 4 ]; then printf '  ca2.crt: %s\n' "$(base64 -w0 "$4")"; fi
  } >"$work/secret.yaml"
  k "$region" apply -f "$work/secret.yaml" >/dev/null
}

# "Wait until all C* pods are restarted", as kubectl can tell.
wait_rollout() {
  local region=$1 set
  for set in $(k "$region" get statefulsets -l "cassandra-cluster-instance=$cluster,cassandra-cluster-component=cassandra" -o name); do
    k "$region" rollout status "$set" --timeout=10m >/dev/null
  done
}

for region in "${regions[@]}"; do
  say "add-new-ca $region"
  apply "$region" "$work/old_crt.pem" "$work/old_key.pem" "$work/new_crt.pem"
  wait_rollout "$region"
done
for region in "${regions[@]}"; do
  say "promote-new-ca $region"
  apply "$region" "$work/new_crt.pem" "$work/new_key.pem" "$work/old_crt.pem"
  wait_rollout "$region"
done
for region in "${regions[@]}"; do
  say "remove-old-ca $region"
  apply "$region" "$work/new_crt.pem" "$work/new_key.pem"
  wait_rollout "$region"
done
say "done"
