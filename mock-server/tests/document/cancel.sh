# The cURL example of the API document, verbatim.
# Simple cancellation request
curl -X POST "http://localhost:8080/api/task/cancel/a7f8c9d1-e234-56b7-8901-23c45de67f89"
# Cancel task and check response status
TASK_ID="a7f8c9d1-e234-56b7-8901-23c45de67f89"
API_HOST="http://localhost:8080"
# Request cancellation
RESPONSE=$(curl -s -w "\n%{http_code}" -X POST "$API_HOST/api/task/cancel/$TASK_ID")
HTTP_CODE=$(echo "$RESPONSE" | tail -n 1)
BODY=$(echo "$RESPONSE" | head -n -1)
echo "HTTP Status: $HTTP_CODE"
echo "Response: $BODY" | jq '.'
# If successful, verify cancellation
if [ "$HTTP_CODE" = "200" ]; then
echo "Cancellation requested successfully"
# Poll until cancelled
while true; do
STATUS_RESPONSE=$(curl -s "$API_HOST/api/task/status/$TASK_ID")
STATE=$(echo "$STATUS_RESPONSE" | jq -r '.state')
echo "Current state: $STATE"
if [ "$STATE" = "CANCELLED" ]; then
echo "Task cancelled successfully"
break
fi
sleep 1
done
else
echo "Cancellation failed"
fi
