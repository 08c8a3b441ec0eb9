{{/* Names, labels and the values several templates share. */}}

{{- define "camrec.fullname" -}}
{{- printf "%s-operator" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "camrec.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "camrec.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name must name an existing ServiceAccount when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "camrec.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: camrec
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "camrec.operatorLabels" -}}
{{ include "camrec.labels" . }}
app.kubernetes.io/name: camrec-operator
{{- end -}}

{{- define "camrec.operatorSelector" -}}
app.kubernetes.io/name: camrec-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "camrec.minioName" -}}
{{- printf "%s-minio" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "camrec.minioLabels" -}}
{{ include "camrec.labels" . }}
app.kubernetes.io/name: minio
{{- end -}}

{{- define "camrec.minioSelector" -}}
app.kubernetes.io/name: minio
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "camrec.storageEndpoint" -}}
{{- if .Values.storage.endpoint -}}
{{- .Values.storage.endpoint -}}
{{- else if .Values.minio.enabled -}}
{{- printf "http://%s.%s.svc:9000" (include "camrec.minioName" .) .Release.Namespace -}}
{{- end -}}
{{- end -}}

{{/*
The storage values the chart cannot do without, all missing ones in one message. helm lint renders the chart without a release being
installed (.Release.IsInstall and .Release.IsUpgrade false) and without the user's values, so these
checks run on install, upgrade and template, where the values are the user's.
*/}}
{{- define "camrec.checkStorage" -}}
{{- if and (or .Release.IsInstall .Release.IsUpgrade) (not .Values.minio.enabled) -}}
{{- $missing := list -}}
{{- if not .Values.storage.endpoint -}}
{{- $missing = append $missing "storage.endpoint is required: the URL of your S3 storage, e.g. --set storage.endpoint=http://minio.storage:9000" -}}
{{- end -}}
{{- if not (or .Values.storage.existingSecret (and .Values.storage.accessKey .Values.storage.secretKey)) -}}
{{- $missing = append $missing "storage.existingSecret is required: a Secret with keys accessKey and secretKey, e.g. --set storage.existingSecret=camrec-storage (or set both storage.accessKey and storage.secretKey)" -}}
{{- end -}}
{{- if $missing -}}
{{- fail (printf "\n%s\nOr --set minio.enabled=true for a bundled MinIO." (join "\n" $missing)) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The Secret, in each Camera's namespace, the operator and recorders read accessKey/secretKey from. */}}
{{- define "camrec.storageSecretName" -}}
{{- default .Values.storage.secretName .Values.storage.existingSecret -}}
{{- end -}}

{{/* Whether the chart creates the storage Secret. */}}
{{- define "camrec.createsStorageSecret" -}}
{{- if not .Values.storage.existingSecret -}}
{{- if or .Values.minio.enabled (and .Values.storage.accessKey .Values.storage.secretKey) -}}
true
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The storage credentials the chart writes: the values given, else the ones a previous release
generated (so MinIO's root credential survives upgrades), else new random ones.
*/}}
{{- define "camrec.storageCredentials" -}}
{{- $previous := lookup "v1" "Secret" .Release.Namespace .Values.storage.secretName -}}
{{- $data := dict -}}
{{- if and $previous $previous.data -}}
{{- $data = $previous.data -}}
{{- end -}}
{{- $access := .Values.storage.accessKey | default ((get $data "accessKey") | b64dec) | default (printf "camrec-%s" (randAlphaNum 12 | lower)) -}}
{{- $secret := .Values.storage.secretKey | default ((get $data "secretKey") | b64dec) | default (randAlphaNum 40) -}}
{{- dict "accessKey" $access "secretKey" $secret | toJson -}}
{{- end -}}

{{/*
The permissions the operator uses, in the namespaces it watches. RbacTest derives them from the
API requests the operator makes in its tests (operator/target/operator-api-requests.txt) and fails
when these rules grant less or more.
*/}}
{{- define "camrec.operatorRules" -}}
# Cameras: the controllers' informers; status is written with a JSON patch. A ClipRequest's Camera
# not (yet) in the cache is read once from the API server.
- apiGroups: ["camrec.dev"]
  resources: ["cameras"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["camrec.dev"]
  resources: ["cameras/status"]
  verbs: ["patch"]
# One recorder Deployment per Camera; removed by garbage collection through its owner reference,
# and by the operator while the Camera's spec is invalid (InvalidSpec, NameTooLong).
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["list", "watch", "create", "update", "delete"]
# RetentionPolicies: the controller's informer; status is written with a JSON patch.
- apiGroups: ["camrec.dev"]
  resources: ["retentionpolicies"]
  verbs: ["list", "watch"]
- apiGroups: ["camrec.dev"]
  resources: ["retentionpolicies/status"]
  verbs: ["patch"]
# One retention CronJob per RetentionPolicy; deleted while the policy is invalid, otherwise
# removed by garbage collection through its owner reference.
- apiGroups: ["batch"]
  resources: ["cronjobs"]
  verbs: ["list", "watch", "create", "update", "delete"]
# ClipRequests: the controller's informer; its finalizer is added and removed with a JSON patch,
# status likewise; a request whose ttl is up is deleted.
- apiGroups: ["camrec.dev"]
  resources: ["cliprequests"]
  verbs: ["list", "watch", "patch", "delete"]
- apiGroups: ["camrec.dev"]
  resources: ["cliprequests/status"]
  verbs: ["patch"]
# Jobs: one clip Job per ClipRequest (never updated, removed by garbage collection with its
# request); retention Jobs (made by the CronJob controller) are read for how a run ended.
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["list", "watch", "create"]
# Recorder, retention and clip pods, read for readiness, restarts and termination messages.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch"]
# Secrets named by Cameras and the storage Secret, read from the informer's cache; the storage
# Secret of a clip is read when its download link is signed and when the clip is deleted.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch"]
# An Event for each condition change; the same event again is read and its count bumped.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["get", "create", "update"]
{{- end -}}
